package org.clamp3.preprocess.xml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small hand-written scores, each aimed at a rule of xml2abc the fixture scores leave untried. The
 * expected ABC and diagnostics are what the original xml2abc.py (version 143) prints for exactly
 * these files with {@code -d 8 -x} (stdout, and stderr without its "written with" line). Where the
 * original stops with an exception (expected ABC null) and so writes nothing, the port must refuse
 * the score.
 */
class XmlToAbcRulesTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<score-partwise version=\"3.1\">";

    /** A score's body (inside score-partwise), the original's ABC (null: it stops) and its diagnostics. */
    record Case(String name, String body, String abc, List<String> messages) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheOriginal(Case c) throws IOException {
        Path file = dir.resolve(c.name() + ".musicxml");
        Files.writeString(file, HEAD + c.body() + "</score-partwise>\n", StandardCharsets.UTF_8);
        if (c.abc() == null) {
            assertThrows(InvalidInputException.class, () -> XmlToAbc.convert(file));
            return;
        }
        XmlToAbc.Result result = XmlToAbc.convertWithMessages(file);
        assertEquals(c.abc(), result.abc());
        assertEquals(c.messages(), result.messages());
    }

    /**
     * A score without notes: no ABC, and the original's diagnostics, which name the .abc file it
     * does not write (xml2abc.py -d 8 -x DIR/silent.musicxml prints DIR/silent.abc).
     */
    @Test
    void aScoreWithoutNotesGivesNoAbc() throws IOException {
        Path file = dir.resolve("silent.musicxml");
        Files.writeString(file, HEAD + """
            <part-list><score-part id="P1"><part-name>P1</part-name></score-part></part-list>
            <part id="P1"><measure number="1"><attributes><divisions>1</divisions></attributes>
            <note><rest/><duration>4</duration></note></measure></part>
            """ + "</score-partwise>\n", StandardCharsets.UTF_8);
        XmlToAbc.Result result = XmlToAbc.convertWithMessages(file);
        assertNull(result.abc());
        assertEquals(List.of("-- part 1, skipped empty voice 1", "-- nothing written, " + dir.resolve("silent.abc") + " has no notes ..."),
                result.messages());
        assertNull(XmlToAbc.convertToBytes(file));
    }

    @Test
    void bytesAreTheAbcInUtf8() throws IOException {
        Case c = cases().stream().filter(x -> x.name().equals("volta_digits")).findFirst().orElseThrow();
        Path file = dir.resolve("volta.musicxml");
        Files.writeString(file, HEAD + c.body() + "</score-partwise>\n", StandardCharsets.UTF_8);
        assertArrayEquals(c.abc().getBytes(StandardCharsets.UTF_8), XmlToAbc.convertToBytes(file));
    }

    /** A score body with one part P1 named "P1" and these measures. */
    private static String onePart(String measures) {
        return "<part-list>\n<score-part id=\"P1\"><part-name>P1</part-name></score-part></part-list>\n<part id=\"P1\">\n"
                + measures + "</part>\n";
    }

    /** The ABC of such a part in C major, 4/4, on a treble staff, with this voice text. */
    private static String tune(String voice) {
        return "X:1\nT:Title\nL:1/8\nM:4/4\nK:C\nV:1 treble nm=\"P1\"\nV:1\n" + voice;
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // a TAB staff: tuning, capo, stemless fret notes, string numbers once, no fingerings, diatonic fretting
        cases.add(new Case("tab", onePart("""
            <measure number="1">
            <attributes><divisions>2</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>TAB</sign><line>5</line></clef><staff-details><staff-lines>6</staff-lines><staff-tuning line="1"><tuning-step>E</tuning-step><tuning-octave>2</tuning-octave></staff-tuning><staff-tuning line="2"><tuning-step>A</tuning-step><tuning-octave>2</tuning-octave></staff-tuning><capo>2</capo></staff-details></attributes>
            <direction><direction-type><other-direction>diatonic fretting</other-direction></direction-type></direction>
            <note><pitch><step>E</step><octave>2</octave></pitch><duration>2</duration><stem>none</stem><notations><technical><string>6</string><fret>0</fret><fingering>1</fingering></technical></notations></note>
            <note><pitch><step>A</step><octave>2</octave></pitch><duration>2</duration><stem>none</stem><notations><technical><string>5</string><string>5</string><fret>0</fret></technical></notations></note>
            <note><rest/><duration>4</duration></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:C
            V:1 tab stafflines=6 strings=E2,A2 capo=2 nostems diafret nm="P1"
            V:1
             !6!E,,2 !5!A,,2 x4 | %1
            
            """, List.of()));
        // a three-line TAB staff is drawn as |||
        cases.add(new Case("tab3", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>TAB</sign></clef><staff-details><staff-lines>3</staff-lines></staff-details></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:C
            V:1 tab stafflines=||| nm="P1"
            V:1
             C8 | %1
            
            """, List.of()));
        // a two-note tremolo drops its time modification; a single tremolo is slashes
        cases.add(new Case("tremolo", onePart("""
            <measure number="1">
            <attributes><divisions>2</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><time-modification><actual-notes>2</actual-notes><normal-notes>1</normal-notes></time-modification><notations><ornaments><tremolo type="start">3</tremolo></ornaments></notations></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><time-modification><actual-notes>2</actual-notes><normal-notes>1</normal-notes></time-modification><notations><ornaments><tremolo type="stop">3</tremolo></ornaments></notations></note>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>4</duration><notations><ornaments><tremolo type="single">2</tremolo></ornaments></notations></note></measure>
            """),
            tune("""
             !///-!C2 E2 !//!G4 | %1
            
            """), List.of()));
        // a doubly started slur number (first discarded), a continue, a stop in another voice
        cases.add(new Case("slurs", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><notations><slur type="start" number="1"/></notations></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration><notations><slur type="start" number="1"/><slur type="continue" number="2"/></notations></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration><notations><slur type="stop" number="1"/><slur type="start" number="3"/></notations></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>1</duration></note>
            <backup><duration>4</duration></backup>
            <note><pitch><step>A</step><octave>3</octave></pitch><duration>4</duration><voice>2</voice><notations><slur type="stop" number="3"/></notations></note></measure>
            """),
            """
            X:1
            T:Title
            %%score ( 1 2 )
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:2 treble\s
            V:1
             C2 (D2 E2) F2 | %1
            V:2
             A,8 | %1
            
            """, List.of("-- double slur numbers start-1 in part 1, measure 1, voice 1 note ['D'], first discarded")));
        // a note without pitch is an E5; an invisible chord note is dropped, an invisible note is an x rest
        cases.add(new Case("unpitched", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><duration>1</duration></note>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note>
            <note print-object="no"><chord/><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration></note>
            <note print-object="no"><pitch><step>G</step><octave>4</octave></pitch><duration>2</duration></note></measure>
            """),
            tune("""
             e2 C2 x4 | %1
            
            """), List.of("-- part 1, voice 1 has 1 notes without pitch")));
        // alter -3 reads Python's index -1 (^^); the end of a tie keeps its accidental unwritten
        cases.add(new Case("alter", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><alter>-3</alter><octave>4</octave></pitch><duration>1</duration></note>
            <note><pitch><step>F</step><alter>1</alter><octave>4</octave></pitch><duration>1</duration><tie type="start"/></note>
            <note><pitch><step>F</step><alter>0</alter><octave>4</octave></pitch><duration>1</duration><tie type="stop"/></note>
            <note><pitch><step>F</step><alter>0</alter><octave>4</octave></pitch><duration>1</duration></note></measure>
            """),
            tune("""
             ^^C2 ^F2- F2 =F2 | %1
            
            """), List.of("-- accidental -3 added in part 1, measure 1, voice 2 note C", "-- accidental 1 added in part 1, measure 1, voice 2 note F", "-- accidental 0 added in part 1, measure 1, voice 2 note F")));
        // alter 3 is beyond the accidental table: the original stops
        cases.add(new Case("alter3", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><alter>3</alter><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // a measure repeat that never stops, without a count
        cases.add(new Case("mrepeat_open", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><measure-style><measure-repeat type="start"/></measure-style></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
            [I:repeat None 1] C8 | D8 | %2
            
            """), List.of()));
        // a measure repeat that never stops, with a count
        cases.add(new Case("mrepeat_open_text", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><measure-style><measure-repeat type="start">2</measure-repeat></measure-style></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
            [I:repeat 2 1] C8 | D8 | %2
            
            """), List.of()));
        // a measure repeat over 0 measures: the original divides by zero
        cases.add(new Case("mrepeat_zero", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><measure-style><measure-repeat type="start">0</measure-repeat></measure-style></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <attributes><measure-style><measure-repeat type="stop"/></measure-style></attributes>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // chord symbols: sus moved to the end, kind none with its text, degrees, bass, triad with added note
        cases.add(new Case("harmony", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <harmony><root><root-step>C</root-step><root-alter>1</root-alter></root><kind>suspended-fourth</kind></harmony>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration></note>
            <harmony><root><root-step>C</root-step><root-alter>1</root-alter></root><kind text="N.C.">none</kind></harmony>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration></note>
            <harmony><root><root-step>C</root-step><root-alter>1</root-alter></root><kind>dominant</kind><degree><degree-value>9</degree-value><degree-alter>-1</degree-alter><degree-type>add</degree-type></degree><bass><bass-step>E</bass-step><bass-alter>-1</bass-alter></bass></harmony>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration></note>
            <harmony><root><root-step>C</root-step><root-alter>1</root-alter></root><kind>minor-seventh</kind></harmony>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>1</duration></note></measure>
            """),
            tune("""
            "C#sus4" C2"C#N.C." D2"C#7b9/Eb" E2"C#m7" F2 | %1
            
            """), List.of()));
        // a sound naming a midi-instrument sends the direction to that instrument's voice
        cases.add(new Case("sound_instrument", """
            <part-list>
            <score-part id="P1"><part-name>P</part-name>
            <score-instrument id="I1"><instrument-name>a</instrument-name></score-instrument>
            <score-instrument id="I2"><instrument-name>b</instrument-name></score-instrument>
            <midi-instrument id="I1"><midi-channel>1</midi-channel><midi-program>1</midi-program><volume>80</volume><pan>0</pan></midi-instrument>
            <midi-instrument id="I2"><midi-channel>2</midi-channel><midi-program>41</midi-program></midi-instrument></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <direction><direction-type><words>arco</words></direction-type><sound>
            <midi-instrument id="I2"><midi-program>42</midi-program></midi-instrument></sound></direction>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration><instrument id="I1"/><voice>1</voice></note>
            <backup><duration>4</duration></backup>
            <note><pitch><step>E</step><octave>3</octave></pitch><duration>4</duration><instrument id="I2"/><voice>2</voice></note></measure>
            </part>
            """,
            """
            X:1
            T:Title
            %%score ( 1 2 )
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="P"
            V:2 treble\s
            V:1
             C8 | %1
            V:2
            "^arco" E,8 | %1
            
            """, List.of()));
        // a wedge stopped before it starts is closed where the stop was; a double stop and a double start are reported
        cases.add(new Case("stop_first", onePart("""
            <measure number="1">
            <attributes><divisions>2</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration></note>
            <direction><direction-type><wedge type="stop" number="1"/></direction-type></direction>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration></note>
            <direction><direction-type><wedge type="crescendo" number="1"/></direction-type></direction>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration></note>
            <direction><direction-type><wedge type="stop" number="2"/></direction-type></direction>
            <direction><direction-type><wedge type="stop" number="2"/></direction-type></direction>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>2</duration></note></measure>
            <measure number="2">
            <direction><direction-type><pedal type="start"/></direction-type></direction>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>4</duration></note>
            <direction><direction-type><pedal type="stop"/></direction-type></direction>
            <direction><direction-type><wedge type="diminuendo" number="3"/></direction-type></direction>
            <direction><direction-type><wedge type="diminuendo" number="3"/></direction-type></direction>
            <note><pitch><step>A</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
             C2 D2!<)!!<(! E2 F2 |!ped! G4!ped-up!!>(!!>(! A4 | %2
            
            """), List.of("-- wedge direction stop has double stop in part 1, measure 1, voice 7", "-- wedge direction diminuendo has no stop in part 1, measure 2, voice 2")));
        // a voice on its other staff returns home with a clef change; clef octave changes -2 and +2
        cases.add(new Case("clef_staff", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><staves>2</staves><clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef></attributes>
            <note><pitch><step>C</step><octave>5</octave></pitch><duration>4</duration><voice>1</voice><staff>1</staff></note>
            <backup><duration>4</duration></backup>
            <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration><voice>5</voice><staff>2</staff></note></measure>
            <measure number="2">
            <note><pitch><step>E</step><octave>5</octave></pitch><duration>2</duration><voice>1</voice><staff>1</staff></note>
            <note><pitch><step>E</step><octave>3</octave></pitch><duration>2</duration><voice>1</voice><staff>2</staff></note>
            <backup><duration>4</duration></backup>
            <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration><voice>5</voice><staff>2</staff></note></measure>
            <measure number="3">
            <attributes><clef number="1"><sign>C</sign><line>3</line><clef-octave-change>-2</clef-octave-change></clef><clef number="2"><sign>F</sign><line>4</line><clef-octave-change>2</clef-octave-change></clef></attributes>
            <note><pitch><step>G</step><octave>5</octave></pitch><duration>4</duration><voice>1</voice><staff>1</staff></note>
            <backup><duration>4</duration></backup>
            <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration><voice>5</voice><staff>2</staff></note></measure>
            """),
            """
            X:1
            T:Title
            %%score { 1 | 2 }
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:2 bass\s
            V:1
             c8 | e4[I:staff +1] E,4 |[I:staff -1][K:alto-15] g''8 | %3
            V:2
             C,8 | C,8 |[K:bass+15] C,,,8 | %3
            
            """, List.of()));
        // overlaps in one voice: rest under a note dropped, rest shortened, chord added, note discarded
        cases.add(new Case("overlap", onePart("""
            <measure number="1">
            <attributes><divisions>4</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note>
            <backup><duration>4</duration></backup>
            <note><rest/><duration>2</duration></note>
            <forward><duration>2</duration></forward>
            <note><rest/><duration>4</duration></note>
            <backup><duration>2</duration></backup>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>8</duration></note>
            <backup><duration>6</duration></backup>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>8</duration></note>
            <backup><duration>6</duration></backup>
            <note><pitch><step>B</step><octave>4</octave></pitch><duration>1</duration></note></measure>
            <measure number="2">
            <attributes><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>8</duration></note>
            <backup><duration>6</duration></backup>
            <note><pitch><step>A</step><octave>4</octave></pitch><duration>1</duration></note>
            <forward><duration>5</duration></forward>
            <note><pitch><step>B</step><octave>4</octave></pitch><duration>2</duration></note></measure>
            """),
            tune("""
             C2 z D [EG]4 G |[K:C][M:4/4] [CA]4 B | %2
            
            """), List.of("-- measure 1 in part 1 longer than metre", "-- overlap in part 1, measure 1: rest shortened", "-- overlap in part 1, measure 1: added chord", "-- overlapping notes in one voice! part 1, measure 1, note ['B'] discarded", "-- overlap in part 1, measure 2: added chord")));
        // a rest between beamed notes joins the beam; a short-long dotted pair becomes a<b
        cases.add(new Case("beams", onePart("""
            <measure number="1">
            <attributes><divisions>4</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><beam number="1">begin</beam></note>
            <note><rest/><duration>2</duration></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><beam number="1">end</beam></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>2</duration><beam number="1">begin</beam></note>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>6</duration><beam number="1">end</beam></note>
            <backup><duration>0</duration></backup>
            <note><pitch><step>A</step><octave>4</octave></pitch><duration>2</duration></note></measure>
            """),
            tune("""
             CzE F2<G2 A | %1
            
            """), List.of("-- MuseScore bug: incorrect duration, smaller then 1/64! in measure 0, part 0")));
        // backups and forwards under 1/64 are MuseScore bugs and ignored
        cases.add(new Case("tiny_gap", onePart("""
            <measure number="1">
            <attributes><divisions>32</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>64</duration></note>
            <backup><duration>1</duration></backup>
            <forward><duration>1</duration></forward>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>63</duration></note>
            <forward><duration>1</duration></forward></measure>
            """),
            tune("""
             C4 D63/16 | %1
            
            """), List.of("-- MuseScore bug: incorrect duration, smaller then 1/64! in measure 0, part 0", "-- MuseScore bug: incorrect duration, smaller then 1/64! in measure 0, part 0", "-- MuseScore bug: incorrect duration, smaller then 1/64! in measure 0, part 0")));
        // a tuplet without a stop ends at the first note outside it, grace notes inside are skipped; a 5:4 tuplet
        cases.add(new Case("tuplets", onePart("""
            <measure number="1">
            <attributes><divisions>6</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><notations><tuplet type="start"/></notations></note>
            <note><grace/><pitch><step>B</step><octave>4</octave></pitch></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>2</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>2</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>6</duration></note>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><time-modification><actual-notes>5</actual-notes><normal-notes>4</normal-notes></time-modification><notations><tuplet type="start"/></notations></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration><time-modification><actual-notes>5</actual-notes><normal-notes>4</normal-notes></time-modification></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration><time-modification><actual-notes>5</actual-notes><normal-notes>4</normal-notes></time-modification></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>1</duration><time-modification><actual-notes>5</actual-notes><normal-notes>4</normal-notes></time-modification></note>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>1</duration><time-modification><actual-notes>5</actual-notes><normal-notes>4</normal-notes></time-modification></note>
            <note><rest/><duration>1</duration></note></measure>
            """),
            tune("""
             (3C{B} D E F2 (5:4:5C5/12 D5/12 E5/12 F5/12 G5/12 z/3 | %1
            
            """), List.of()));
        // durations finer than 1/64 are rounded, just above a whole unit snapped to it
        cases.add(new Case("fine_durations", onePart("""
            <measure number="1">
            <attributes><divisions>1000</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1001</duration></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>1998</duration></note></measure>
            """),
            tune("""
             C2 D0 E4 | %1
            
            """), List.of()));
        // percussion with midi-unpitched instruments, noteheads filled and unfilled, notes above the staff
        cases.add(new Case("percussion", """
            <part-list>
            <score-part id="P1"><part-name>Drums</part-name>
            <score-instrument id="P1-I36"><instrument-name>Kick</instrument-name></score-instrument>
            <score-instrument id="P1-I50"><instrument-name>Tom</instrument-name></score-instrument>
            <midi-instrument id="P1-I36"><midi-channel>10</midi-channel><midi-unpitched>36</midi-unpitched></midi-instrument>
            <midi-instrument id="P1-I50"><midi-channel>10</midi-channel><midi-unpitched>50</midi-unpitched></midi-instrument></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>percussion</sign></clef></attributes>
            <note><unpitched><display-step>F</display-step><display-octave>4</display-octave></unpitched><duration>1</duration><instrument id="P1-I36"/><notehead filled="yes">triangle</notehead></note>
            <note><unpitched><display-step>A</display-step><display-octave>6</display-octave></unpitched><duration>1</duration><instrument id="P1-I50"/><notehead filled="no">diamond</notehead></note>
            <note><unpitched><display-step>G</display-step><display-octave>3</display-octave></unpitched><duration>2</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:C
            V:1 perc nm="Drums"
            K:none
            I:percmap _F F 35 triangle+
            I:percmap _a' a' 49 diamond-
            V:1
             _F2 _a'2 G,4 | %1
            
            """, List.of()));
        // an unpitched note on a bass staff with an x notehead
        cases.add(new Case("perc_bass", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>F</sign><line>4</line></clef></attributes>
            <note><unpitched><display-step>D</display-step><display-octave>3</display-octave></unpitched><duration>4</duration><notehead>x</notehead></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:C
            V:1 bass map=perc nm="P1"
            K:none
            I:percmap ^D, B 50 x
            V:1
             ^D,8 | %1
            
            """, List.of()));
        // lyrics: begin/middle syllables, an extend only verse, a melisma over the next measure's grace note and up to its rest
        cases.add(new Case("lyrics", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>1</duration><lyric number="1"><syllabic>begin</syllabic><text>Hal</text></lyric></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>1</duration><lyric number="1"><syllabic>middle</syllabic><text>le</text></lyric></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>1</duration><lyric number="1"><syllabic>end</syllabic><text>lu</text><extend/></lyric><lyric number="2"><extend/></lyric></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>1</duration></note></measure>
            <measure number="2">
            <note><grace/><pitch><step>A</step><octave>4</octave></pitch></note>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>2</duration></note>
            <note><rest/><duration>2</duration></note></measure>
            <measure number="3">
            <note><pitch><step>A</step><octave>4</octave></pitch><duration>4</duration><lyric number="1"><text>jah</text><extend/></lyric></note></measure>
            <measure number="4">
            <note><pitch><step>B</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
             C2 D2 E2 F2 |{A} G4 z4 | A8 | B8 | %4
            w: Hal- le- lu _|_|jah|_|
            w: ||||
            
            """), List.of()));
        // credits as title when there is none: those repeating composer or lyricist and digits-only ones are dropped
        cases.add(new Case("credits", """
            <identification><creator type="composer">Anon</creator><creator type="lyricist">Poet</creator><rights>public</rights></identification>
            <credit page="1"><credit-words>Anon</credit-words></credit>
            <credit page="1"><credit-words>12 - 3</credit-words></credit>
            <credit page="1"><credit-words>Poet and friend</credit-words></credit>
            <credit page="1"><credit-words>A Song</credit-words></credit>
            <part-list>
            <score-part id="P1"><part-name>P1</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:A Song
            C:Anon
            Z:Poet
            Z:public
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:1
             C8 | %1
            
            """, List.of()));
        // key modes; -9 fifths reads the sharpness table from its end as Python does
        cases.add(new Case("keys", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>-2</fifths><mode>dorian</mode></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <attributes><key><fifths>-9</fifths><mode>major</mode></key></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="3">
            <attributes><key><fifths>3</fifths><mode>locrian</mode></key><time><beats>3</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>3</duration></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:Cdor
            V:1 treble nm="P1"
            V:1
             C8 |[K:B#] =C8 |[K:G#loc][M:3/4] =C6 | %3
            
            """, List.of("-- accidental 0 added in part 1, measure 2, voice 2 note C", "-- accidental 0 added in part 1, measure 3, voice 2 note C")));
        // an unknown key mode: the original stops
        cases.add(new Case("key_mode", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths><mode>blues</mode></key></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // 13 fifths are beyond the key table: the original stops
        cases.add(new Case("key_range", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>13</fifths></key></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // more score-parts than parts: a lousy part-list, reported, the rest converted
        cases.add(new Case("partlist_more", """
            <part-list>
            <score-part id="P1"><part-name>P1</part-name></score-part>
            <score-part id="P2"><part-name>P2</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            tune("""
             C8 | %1
            
            """), List.of("-- lousy musicxml: error in part-list")));
        // part-groups closed out of order swap their data; a bracket group with group barlines
        cases.add(new Case("groups_crossed", """
            <part-list>
            <part-group type="start" number="1"><group-symbol>bracket</group-symbol><group-barline>yes</group-barline></part-group>
            <score-part id="P1"><part-name>A</part-name></score-part>
            <part-group type="start" number="2"><group-symbol>brace</group-symbol></part-group>
            <score-part id="P2"><part-name>B</part-name></score-part>
            <part-group type="stop" number="1"/>
            <part-group type="stop" number="2"/>
            <score-part id="P3"><part-name>C</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>5</octave></pitch><duration>4</duration></note></measure>
            </part>
            <part id="P2">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            <part id="P3">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:Title
            %%score [ 1 | 2 ] 3
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="A"
            V:2 treble nm="B"
            V:3 treble nm="C"
            V:1
             c8 | %1
            V:2
             C8 | %1
            V:3
             C,8 | %1
            
            """, List.of()));
        // a part-group stop without start
        cases.add(new Case("group_stop_only", """
            <part-list>
            <score-part id="P1"><part-name>A</part-name></score-part>
            <part-group type="stop" number="1"/></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:Title
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="A"
            V:1
             C8 | %1
            
            """, List.of()));
        // part-groups never stopped are closed at the end
        cases.add(new Case("group_open", """
            <part-list>
            <part-group type="start" number="1"/>
            <score-part id="P1"><part-name>A</part-name></score-part>
            <part-group type="start" number="2"/>
            <score-part id="P2"><part-name>B</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>5</octave></pitch><duration>4</duration></note></measure>
            </part>
            <part id="P2">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:Title
            %%score [ 1 2 ]
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="A"
            V:2 treble nm="B"
            V:1
             c8 | %1
            V:2
             C8 | %1
            
            """, List.of()));
        // an ending numbered in Arabic-Indic digits is a list of numbers (Python int()); a text ending is quoted
        cases.add(new Case("volta_digits", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note>
            <barline location="right"><bar-style>light-heavy</bar-style><repeat direction="backward"/></barline></measure>
            <measure number="2">
            <barline location="left"><ending number="\u0661, \u0662" type="start"/></barline>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note>
            <barline location="right"><ending number="1" type="stop"/></barline></measure>
            <measure number="3">
            <barline location="left"><ending number="x1" type="start"/></barline>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>4</duration></note>
            <barline location="right"><ending number="x1" type="discontinue"/></barline></measure>
            """),
            tune("""
             C8 :|\u0661,\u0662 D8 ||"x1" E8 || %3
            
            """), List.of()));
        // tempos from a dotted metronome mark and from a sound in Arabic-Indic digits; words below, a jump replacing words
        cases.add(new Case("tempo", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <direction><direction-type><metronome><beat-unit>quarter</beat-unit><beat-unit-dot/><per-minute>72.5</per-minute></metronome></direction-type></direction>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <direction><sound tempo="\u0661\u0662\u0660.5"/></direction>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="3">
            <direction placement="below"><direction-type><words default-y="-30">dolce</words></direction-type></direction>
            <direction><direction-type><words default-y="\u0661\u0660"> e </words></direction-type><sound dacapo="yes"/></direction>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            Q:3/8=72
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:1
             C8 |[Q:1/4=120] D8 |"_dolce"!D.C.! E8 | %3
            
            """, List.of()));
        // a metronome in Arabic-Indic digits (Python's \d); a verse number after a line separator (Python's .)
        cases.add(new Case("tempo_digits", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <direction><direction-type><metronome><beat-unit>half</beat-unit><per-minute>\u0661\u0662\u0660</per-minute></metronome></direction-type></direction>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration><lyric number="x\u2028verse2"><text>la</text></lyric></note></measure>
            """),
            """
            X:1
            T:Title
            L:1/8
            Q:1/2=120
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:1
             C8 | D8 | %2
            w: ||
            w: |la|
            
            """, List.of()));
        // trill lines, glissandos and slides, an ottava over the staff, a chord note's own accent, a slur out of a grace note
        cases.add(new Case("lines", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><staves>1</staves></attributes>
            <direction><direction-type><octave-shift type="down" size="8" number="1"/></direction-type><staff>1</staff></direction>
            <note><pitch><step>C</step><octave>5</octave></pitch><duration>1</duration><notations><ornaments><wavy-line type="start"/></ornaments><glissando type="start" line-type="wavy"/></notations></note>
            <note><pitch><step>D</step><octave>5</octave></pitch><duration>1</duration><notations><ornaments><wavy-line type="stop"/></ornaments><glissando type="stop"/><slide type="start"/></notations></note>
            <note><chord/><pitch><step>F</step><octave>5</octave></pitch><duration>1</duration><notations><articulations><accent/></articulations></notations></note>
            <note><grace slash="yes"/><pitch><step>G</step><octave>5</octave></pitch><notations><slur type="start" number="1"/></notations></note>
            <note><pitch><step>E</step><octave>5</octave></pitch><duration>1</duration><notations><slide type="stop"/><slur type="stop" number="1"/></notations></note>
            <direction><direction-type><octave-shift type="stop" size="8" number="1"/></direction-type></direction>
            <note><pitch><step>F</step><octave>5</octave></pitch><duration>1</duration><notations><ornaments><wavy-line type="continue"/></ornaments></notations></note></measure>
            """),
            tune("""
            !8va(! !~(!!trill(!c2 !-)!!trill)!!>![df]2{/g} !-)!e2!8va)! f2 | %1
            
            """), List.of()));
        // a backup past the start of the measure; a measure longer than its metre
        cases.add(new Case("too_long", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>2</duration></note>
            <backup><duration>5</duration></backup>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>5</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
             [CE]4 E6 | D8 | %2
            
            """), List.of("-- measure 1 in part 1 longer than metre", "-- overlap in part 1, measure 1: added chord")));
        // a forward repeat on the first measure
        cases.add(new Case("repeat_first", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <barline location="left"><repeat direction="forward"/></barline>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note>
            <barline location="right"><bar-style>light-heavy</bar-style><repeat direction="backward"/></barline></measure>
            """),
            tune("""
            |: C8 | D8 :| %2
            
            """), List.of()));
        // a triplet inside a triplet, and a 3:2 over two notes
        cases.add(new Case("nested_tuplets", onePart("""
            <measure number="1">
            <attributes><divisions>18</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>12</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><notations><tuplet type="start" number="1"/></notations></note>
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration><time-modification><actual-notes>9</actual-notes><normal-notes>4</normal-notes></time-modification><notations><tuplet type="start" number="2"/></notations></note>
            <note><pitch><step>E</step><octave>4</octave></pitch><duration>4</duration><time-modification><actual-notes>9</actual-notes><normal-notes>4</normal-notes></time-modification></note>
            <note><pitch><step>F</step><octave>4</octave></pitch><duration>4</duration><time-modification><actual-notes>9</actual-notes><normal-notes>4</normal-notes></time-modification><notations><tuplet type="stop" number="2"/></notations></note>
            <note><pitch><step>G</step><octave>4</octave></pitch><duration>12</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><notations><tuplet type="stop" number="1"/></notations></note>
            <note><pitch><step>A</step><octave>4</octave></pitch><duration>12</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><notations><tuplet type="start"/></notations></note>
            <note><pitch><step>B</step><octave>4</octave></pitch><duration>12</duration><time-modification><actual-notes>3</actual-notes><normal-notes>2</normal-notes></time-modification><notations><tuplet type="stop"/></notations></note>
            <note><rest/><duration>12</duration></note></measure>
            """),
            tune("""
             (3:2:5C2 (3D E F G2 (3:2:2A2 B2 z4/3 | %1
            
            """), List.of()));
        // a part with only rests: its voice is skipped
        cases.add(new Case("empty_part", """
            <part-list>
            <score-part id="P1"><part-name>P1</part-name></score-part>
            <score-part id="P2"><part-name>P2</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            <part id="P2">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><rest/><duration>4</duration></note></measure>
            </part>
            """,
            tune("""
             C8 | %1
            
            """), List.of("-- part 2, skipped empty voice 1")));
        // credits: an empty one, lyricist and transcriber lines, empty rights and composer, words over lines
        cases.add(new Case("credits_more", """
            <identification><creator type="composer"></creator><creator type="lyricist">Poet</creator><creator type="transcriber">Scribe</creator><creator type="arranger">Arr</creator><rights></rights></identification>
            <credit page="1"><credit-words></credit-words></credit>
            <credit page="1"><credit-words>by Poet</credit-words></credit>
            <credit page="1"><credit-words>Some
              Words</credit-words><credit-words> and more</credit-words></credit>
            <part-list>
            <score-part id="P1"><part-name>P1</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            """
            X:1
            T:Some Words and more
            Z:Poet
            Z:Scribe
            L:1/8
            M:4/4
            K:C
            V:1 treble nm="P1"
            V:1
             C8 | %1
            
            """, List.of()));
        // a measure repeat started in one part and stopped in the next
        cases.add(new Case("mrepeat_parts", """
            <part-list>
            <score-part id="P1"><part-name>P1</part-name></score-part>
            <score-part id="P2"><part-name>P2</part-name></score-part></part-list>
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><measure-style><measure-repeat type="start">1</measure-repeat></measure-style></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <note><pitch><step>D</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            <part id="P2">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>3</octave></pitch><duration>4</duration></note></measure>
            <measure number="2">
            <attributes><measure-style><measure-repeat type="stop"/></measure-style></attributes>
            <note><pitch><step>D</step><octave>3</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            null, List.of()));
        // per-minute "c. 72": the first match of [.\d]+ is ".", which float() refuses
        cases.add(new Case("err_metronome_text", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <direction><direction-type><metronome><beat-unit>quarter</beat-unit><per-minute>c. 72</per-minute></metronome></direction-type></direction>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // grace notes opening a measure close on the next note
        cases.add(new Case("grace_first", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><grace/><pitch><step>B</step><octave>4</octave></pitch></note>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            tune("""
            {B} C8 | %1
            
            """), List.of()));
        // a chord note with no note before it
        cases.add(new Case("err_chord_first", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><chord/><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // a time signature without beat-type
        cases.add(new Case("err_no_beat_type", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><time><beats>4</beats></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // a clef without sign
        cases.add(new Case("err_clef_no_sign", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><clef><line>2</line></clef></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // a metronome without per-minute
        cases.add(new Case("err_metronome", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <direction><direction-type><metronome><beat-unit>half</beat-unit></metronome></direction-type></direction>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // an accidental xml2abc does not know
        cases.add(new Case("err_accidental", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration><accidental>quarter-sharp</accidental></note></measure>
            """),
            null, List.of()));
        // a duration int() refuses
        cases.add(new Case("err_int", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4.0</duration></note></measure>
            """),
            null, List.of()));
        // a staff-tuning without octave
        cases.add(new Case("err_tuning", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>TAB</sign></clef><staff-details><staff-tuning line="1"><tuning-step>E</tuning-step></staff-tuning></staff-details></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // a chord kind with two dashes
        cases.add(new Case("err_chord_kind", onePart("""
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <harmony><root><root-step>C</root-step><root-alter>1</root-alter></root><kind>major-minor-seventh</kind></harmony>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            """),
            null, List.of()));
        // no part-list at all
        cases.add(new Case("err_no_part_list", """
            <part id="P1">
            <measure number="1">
            <attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time></attributes>
            <note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure>
            </part>
            """,
            null, List.of()));

        return cases;
    }
}
