package org.clamp3.preprocess.audio.codec;

import java.lang.reflect.Field;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.FrameDecoder;
import javazoom.jl.decoder.Header;

/**
 * JLayer with one table entry put right: for MPEG-2 at 24 kHz its long-block scalefactor band
 * 18 starts at line 330, where ISO/IEC 13818-3 (and libmad, ffmpeg) have 332, which garbles
 * some frames of 24 kHz files. The table is private to JLayer's layer III decoder, which is
 * created on the first frame, so it is corrected there, before that frame is decoded.
 */
final class StandardBandsDecoder extends Decoder {
    private boolean corrected;

    @Override
    protected FrameDecoder retrieveDecoder(Header header, Bitstream stream, int layer) throws DecoderException {
        FrameDecoder decoder = super.retrieveDecoder(header, stream, layer);
        if (layer == 3 && !corrected) {
            correctBands(decoder);
            corrected = true;
        }
        return decoder;
    }

    private static void correctBands(FrameDecoder layer3) {
        try {
            Field tables = layer3.getClass().getDeclaredField("sfBandIndex");
            tables.setAccessible(true);
            Object lsf24k = ((Object[]) tables.get(layer3))[1];
            Field longBands = lsf24k.getClass().getDeclaredField("l");
            longBands.setAccessible(true);
            int[] bands = (int[]) longBands.get(lsf24k);
            if (bands[18] == 330) {
                bands[18] = 332;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot correct JLayer's 24 kHz scalefactor bands (JLayer changed?)", e);
        }
    }
}
