# Regenerates the Ogg Vorbis test files and their torchaudio decodes (run with Debian bookworm's
# python3-torch 1.13.1 and python3-torchaudio 0.13.1, sox_io backend, libsox 14.4.2).
# Each reference .npy is torchaudio.load(file)[0].mean(dim=0) as float32, which is what
# preprocessing/audio/extract_mert.py feeds the resampler; NAME.24k.npy is that waveform after
# torchaudio.transforms.Resample(rate, 24000), as MERT_utils.load_audio gives it.
import numpy as np
import torch
import torchaudio

g = torch.Generator().manual_seed(3)


def tone(rate, channels, samples):
    t = torch.arange(samples) / rate
    return torch.stack([0.5 * torch.sin(2 * 3.14159 * (220 + 70 * c) * t) * torch.sin(3.1 * t)
                        + 0.1 * torch.randn(t.shape, generator=g) for c in range(channels)])


cases = {
    "stereo_22050.ogg": (22050, 2, int(22050 * 2.2), 8.0),
    "three_channels_11025.ogg": (11025, 3, int(11025 * 2.2), None),
    "mono_24000_1s.ogg": (24000, 1, 24000, None),
    "mono_16000_one_sample.ogg": (16000, 1, 1, None),
}
for name, (rate, channels, samples, quality) in cases.items():
    kwargs = {} if quality is None else {"compression": quality}
    torchaudio.save(name, tone(rate, channels, samples), rate, **kwargs)
    decoded, _ = torchaudio.load(name)
    mono = decoded.mean(dim=0, keepdim=True)
    np.save(name + ".npy", mono[0].numpy())
    if rate != 24000 and samples > 1000:
        np.save(name + ".24k.npy", torchaudio.transforms.Resample(rate, 24000)(mono)[0].numpy())
    print(name, tuple(decoded.shape))
