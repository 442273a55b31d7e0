package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnidecodeTest {

    /** (input, output of Debian's python3-unidecode 1.3.6). */
    private static final String[][] PYTHON_RESULTS = {
        {"F\u00fcr Elise", "Fur Elise"},  // Für Elise
        {"Caf\u00e9 \u00dcn\u00efc\u00f6d\u00e9 na\u00efve fa\u00e7ade", "Cafe Unicode naive facade"},  // Café Ünïcödé naïve façade
        {"Stra\u00dfe", "Strasse"},  // Straße
        {"Dvo\u0159\u00e1k \u0160koda \u0141\u00f3d\u017a", "Dvorak Skoda Lodz"},  // Dvořák Škoda Łódź
        {"\u00c6r\u00f8 \u0152uvre \u00d8 \u00f0 \u00fe", "AEro OEuvre O d th"},  // Ærø Œuvre Ø ð þ
        {"\u0427\u0430\u0439\u043a\u043e\u0432\u0441\u043a\u0438\u0439", "Chaikovskii"},  // Чайковский
        {"\u0429\u0435\u043b\u043a\u0443\u043d\u0447\u0438\u043a \u0421\u044a\u0435\u0437\u0434 \u0404\u0432\u0430 \u0401\u043b\u043a\u0430", "Shchelkunchik S'ezd Ieva Iolka"},  // Щелкунчик Съезд Єва Ёлка
        {"\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac \u03bc\u03bf\u03c5\u03c3\u03b9\u03ba\u03ae", "Ellenika mousike"},  // Ελληνικά μουσική
        {"\u4e2d\u6587 \u94a2\u7434\u66f2", "Zhong Wen  Gang Qin Qu "},  // 中文 钢琴曲
        {"\u65e5\u672c\u306e\u97f3\u697d", "Ri Ben noYin Le "},  // 日本の音楽
        {"\u3057\u3061\u3064\u3063 \u30b7\u30c1\u30c4\u30c3", "shichitsutsu shichitsutsu"},  // しちつっ シチツッ
        {"\u3075\u3058 \u30f4\u30a1\u30a4\u30aa\u30ea\u30f3", "huzi vuaiorin"},  // ふじ ヴァイオリン
        {"\ud55c\uad6d \uc74c\uc545", "hangug eumag"},  // 한국 음악
        {"\u00bc \u00bd \u00be \u2153 \u2150", " 1/4  1/2  3/4  1/3   1/7 "},  // ¼ ½ ¾ ⅓ ⅐
        {"1\u00bd time", "1 1/2 time"},  // 1½ time
        {"\u266f \u266d \u266e \u266a \u266b \ud834\udd1e", "#     "},  // ♯ ♭ ♮ ♪ ♫ 𝄞
        {"\ud83d\ude00 \ud83c\udfb5 \ud83c\uddfa\ud83c\uddf8", "  "},  // 😀 🎵 🇺🇸
        {"\u201cquotes\u201d \u2018single\u2019 \u2013 \u2014 \u2026 \u2022", "\"quotes\" 'single' - -- ... *"},  // “quotes” ‘single’ – — … •
        {"\u00a9 \u00ae \u2122 \u2117 \u2116 \u00b0", "(c) (r) (tm) (p) No.  deg"},  // © ® ™ ℗ № °
        {"\u20ac \u00a3 \u00a5 \u20b9 \u20bd \u20bf", "EUR PS Y= Rs R BTC"},  // € £ ¥ ₹ ₽ ₿
        {"\u00d7 \u00f7 \u2212 \u2264 \u2265 \u2236", "x / - <= >= :"},  // × ÷ − ≤ ≥ ∶
        {"\u014a\u014b", "ngNG"},  // Ŋŋ
        {"\u2460 \u2473 \u2474 \u2488 \u24b6 \u24d0 \u24eb \u24ff", "1 20 (1) 1. A a 11 0"},  // ① ⑳ ⑴ ⒈ Ⓐ ⓐ ⓫ ⓿
        {"\ud835\udc01\ud835\udc28\ud835\udc25\ud835\udc1d \ud835\udfcf\ud835\udfd0", "Bold 12"},  // 𝐁𝐨𝐥𝐝 𝟏𝟐
        {"\ufb01ne \uff26\uff55\uff4c\uff4c", "fine Full"},  // ﬁne Ｆｕｌｌ
        {"\u00a0nbsp\u3000ideo\ufeffbom\u200bzw", " nbsp ideobom zw"},  //  nbsp　ideo﻿bom​zw
        {"x\u2082 \u2071", "x2 i"},  // x₂ ⁱ
        {"\u30ff \u02e5 \u03f4", "  "},  // ヿ ˥ ϴ
        {"\u04b2 \u0491 \u045e", "Kh' g' u"},  // Ҳ ґ ў
        {"\u01c5 \u01c8 \u0237", "Dz Lj j"},  // ǅ ǈ ȷ
        {"M\u00f6tley Cr\u00fce \u2013 Sp\u0131n\u0308al", "Motley Crue - Spinal"},  // Mötley Crüe – Spın̈al
        {"\u0645\u0631\u062d\u0628\u0627", "mrHb"},  // مرحبا
        {"\u05e9\u05dc\u05d5\u05dd", "SHlvm"},  // שלום
        {"\u0928\u092e\u0938\u094d\u0924\u0947", "nmste"},  // नमस्ते
        {"\u0e44\u0e17\u0e22", "aithy"},  // ไทย
    };

    static Stream<Arguments> pythonResults() {
        return Arrays.stream(PYTHON_RESULTS).map(pair -> Arguments.of(pair[0], pair[1]));
    }

    @ParameterizedTest
    @MethodSource("pythonResults")
    void matchesPythonUnidecode(String input, String expected) {
        assertEquals(expected, Unidecode.toAscii(input));
    }

    @Test
    void asciiComesBackAsTheSameObject() {
        String ascii = "X:1\nT:tune\u0001\u007f\n|:abc|\n";
        assertSame(ascii, Unidecode.toAscii(ascii));
    }

    @Test
    void loneSurrogatesAndUnassignedCharactersVanish() {
        assertEquals("ab", Unidecode.toAscii("a\uD800\uDFFF\uDC00b"));
        assertEquals("ab", Unidecode.toAscii("a\u0378\uE000b"));
    }

    @Test
    void everyCodePointBecomesAscii() {
        StringBuilder all = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            all.appendCodePoint(cp);
        }
        String ascii = Unidecode.toAscii(all.toString());
        assertTrue(ascii.chars().allMatch(c -> c < 128));
    }
}
