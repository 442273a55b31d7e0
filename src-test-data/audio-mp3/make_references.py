# Regenerates the MP3 test files and torchaudio 0.13's decodes of them. Needs Debian bookworm's
# python3-torch 1.13.1, python3-torchaudio 0.13.1 (sox_io backend), libsox-fmt-mp3 (libsox
# 14.4.2 with libmad and libid3tag) and lame 3.100. Without libsox-fmt-mp3, torchaudio falls
# back to ffmpeg, which decodes gaplessly and gives different references.
# Each NAME.mp3.npy is torchaudio.load(NAME.mp3)[0].mean(dim=0) as float32.
import subprocess

import numpy as np
import torch
import torchaudio

g = torch.Generator().manual_seed(11)

cases = {
    # MPEG-2 at 24 kHz, stereo: JLayer's scalefactor band table is wrong there
    "lsf_24000_stereo.mp3": (24000, 2, 1.3, ["-b", "64", "-m", "s"]),
    # VBR with a Xing header: libsox announces frames x duration in whole ms, one sample short
    "vbr_xing_44100_mono.mp3": (44100, 1, 1.2, ["-V", "2"]),
    # ID3v2 tag with LAME's TLEN frame: libsox stops at TLEN ms
    "id3v2_tlen_44100_stereo.mp3": (44100, 2, 1.1, ["-b", "96", "--add-id3v2", "--tt", "title"]),
    # ID3v1 tag at the end: the last frame is still decoded (libmad has its guard bytes)
    "id3v1_16000_mono.mp3": (16000, 1, 1.0, ["-b", "128", "--id3v1-only", "--tt", "title"]),
    # no Xing/Info header, variable bitrate: the length comes from scanning every frame
    "vbr_noinfo_22050_stereo.mp3": (22050, 2, 1.4, ["-t", "-V", "3"]),
}
for name, (rate, channels, seconds, options) in cases.items():
    t = torch.arange(int(rate * seconds)) / rate
    x = torch.stack([0.4 * torch.sin(2 * 3.14159 * (330 + 90 * c) * t) * torch.sin(5 * t)
                     + 0.05 * torch.randn(t.shape, generator=g) for c in range(channels)])
    torchaudio.save("source.wav", x, rate, encoding="PCM_S", bits_per_sample=16)
    subprocess.run(["lame", "--quiet", "--resample", str(rate / 1000)] + options + ["source.wav", name], check=True)
    decoded, _ = torchaudio.load(name)
    np.save(name + ".npy", decoded.mean(dim=0).numpy())
    print(name, tuple(decoded.shape))
subprocess.run(["rm", "source.wav"], check=True)
