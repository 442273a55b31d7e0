#!/usr/bin/env bash
# Downloads the published CLaMP 3 weights and the XLM-R tokenizer into model folders that
# `clamp3 --model DIR` reads:
#
#   scripts/fetch-models.sh [saas|c2|m3|mert|all] [--dest DIR]     (default: saas, DIR = models/)
#
#   saas -> DIR/clamp3-saas/   CLaMP 3 SAAS (audio-oriented; the default model of clamp3)
#   c2   -> DIR/clamp3-c2/     CLaMP 3 C2 (symbolic-oriented)
#   m3   -> DIR/clamp3-saas/   adds the M3 checkpoint for `clamp3 extract --encoder m3`
#   mert -> DIR/mert-v1-95m/   MERT-v1-95M, for audio (`--mert DIR`)
#
# Downloads resume where they stopped (curl -C -). Every file is checked against its sha256:
# the value Hugging Face publishes for it (X-Linked-Etag of LFS files), else the one recorded
# in the folder's SHA256SUMS by an earlier successful download. A file that fails the check is
# kept as FILE.part and nothing is installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
dest="$root/models"
what="saas"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dest) dest="$2"; shift 2 ;;
    saas|c2|m3|mert|all) what="$1"; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fetch-models.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

hf="${CLAMP3_HF_ENDPOINT:-https://huggingface.co}"  # a mirror can be set with CLAMP3_HF_ENDPOINT
suffix="_h_size_768_t_model_FacebookAI_xlm-roberta-base_t_length_128_a_size_768_a_layers_12_a_length_128_s_size_768_s_layers_12_p_size_64_p_length_512.pth"
m3_file="weights_m3_p_size_64_p_length_512_t_layers_3_p_layers_12_h_size_768_lr_0.0001_batch_16_mask_0.45.pth"

command -v curl >/dev/null || { echo "fetch-models.sh: needs curl" >&2; exit 2; }
command -v sha256sum >/dev/null || { echo "fetch-models.sh: needs sha256sum (coreutils)" >&2; exit 2; }

offline_help() {
  local url="$1" dir="$2"
  cat >&2 <<MSG
fetch-models.sh: cannot download $url
  This machine seems to be offline (or huggingface.co is unreachable).
  On a machine with internet access, download:
    $url
  and copy it to $dir/ ; then run this script again to check and install the rest.
MSG
}

# published sha256 of an LFS file: Hugging Face sends it as the X-Linked-Etag header
published_sha256() {
  curl -sSIL --max-time 30 "$1" 2>/dev/null | tr -d '\r' | awk -F'"' 'tolower($0) ~ /^x-linked-etag:/ {print $2}' | tail -1
}

# fetch URL DIR NAME: download into DIR/NAME, verify, record in DIR/SHA256SUMS
fetch() {
  local url="$1" dir="$2" name="$3"
  local target="$dir/$name" part="$dir/$name.part"
  mkdir -p "$dir"
  local expected=""
  if [[ -f "$dir/SHA256SUMS" ]]; then
    expected="$(awk -v n="$name" '$2 == n {print $1}' "$dir/SHA256SUMS")"
  fi
  if [[ -f "$target" ]]; then
    if [[ -n "$expected" ]] && echo "$expected  $target" | sha256sum -c --status; then
      echo "ok       $name (sha256 verified)"
      return 0
    fi
    [[ -z "$expected" ]] && { echo "ok       $name (present; no recorded sha256)"; return 0; }
    echo "mismatch $name: re-downloading" >&2
    mv "$target" "$part"
  fi
  local published
  published="$(published_sha256 "$url" || true)"
  [[ -n "$published" ]] && expected="$published"
  echo "download $url"
  if ! curl -fL --retry 2 --connect-timeout 20 -C - -o "$part" "$url"; then
    offline_help "$url" "$dir"
    return 1
  fi
  local actual
  actual="$(sha256sum "$part" | cut -d' ' -f1)"
  if [[ -n "$expected" && "$actual" != "$expected" ]]; then
    echo "fetch-models.sh: $part has sha256 $actual, expected $expected; kept as .part (delete it to start over)" >&2
    return 1
  fi
  mv "$part" "$target"
  touch "$dir/SHA256SUMS"
  grep -v "  $name\$" "$dir/SHA256SUMS" > "$dir/SHA256SUMS.tmp" || true
  echo "$actual  $name" >> "$dir/SHA256SUMS.tmp"
  mv "$dir/SHA256SUMS.tmp" "$dir/SHA256SUMS"
  echo "ok       $name (sha256 $actual${expected:+, as published})"
}

install_variant() {
  local variant="$1"
  local dir="$dest/clamp3-$variant"
  mkdir -p "$dir"
  cp "$root/config/clamp3-$variant.json" "$dir/config.json"
  fetch "$hf/sander-wood/clamp3/resolve/main/weights_clamp3_${variant}${suffix}" "$dir" "weights_clamp3_${variant}${suffix}"
  fetch "$hf/FacebookAI/xlm-roberta-base/resolve/main/tokenizer.json" "$dir/xlm-roberta-base" tokenizer.json
  fetch "$hf/FacebookAI/xlm-roberta-base/resolve/main/config.json" "$dir/xlm-roberta-base" config.json
  echo "installed $dir  (check it with: scripts/clamp3 models verify $dir)"
}

install_mert() {
  local dir="$dest/mert-v1-95m"
  fetch "$hf/m-a-p/MERT-v1-95M/resolve/main/config.json" "$dir" config.json
  fetch "$hf/m-a-p/MERT-v1-95M/resolve/main/pytorch_model.bin" "$dir" pytorch_model.bin
  echo "installed $dir  (use it with: --mert $dir)"
}

case "$what" in
  saas) install_variant saas ;;
  c2) install_variant c2 ;;
  m3) fetch "$hf/sander-wood/clamp2/resolve/main/$m3_file" "$dest/clamp3-saas" "$m3_file" ;;
  mert) install_mert ;;
  all) install_variant saas; install_variant c2; fetch "$hf/sander-wood/clamp2/resolve/main/$m3_file" "$dest/clamp3-saas" "$m3_file"; install_mert ;;
esac
