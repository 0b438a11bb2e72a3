#!/usr/bin/env python3
"""Build a Hugging Face tokenizer folder from a GGUF file (offline: no hub access).

    make_tokenizer.py MODEL.gguf OUTDIR

GuideLLM and AIPerf count prompt and output tokens with a Hugging Face tokenizer; the scripted
server's model is SmolLM2-135M-Instruct, whose GGUF carries its tokenizer. Needs `transformers`
and `gguf` (both in bench/.venv-guidellm).
"""
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
from transformers import AutoTokenizer  # noqa: E402

gguf, out = sys.argv[1], sys.argv[2]
tok = AutoTokenizer.from_pretrained(os.path.dirname(os.path.abspath(gguf)), gguf_file=os.path.basename(gguf))
tok.save_pretrained(out)
print(f"tokenizer: {type(tok).__name__}, vocabulary {len(tok)}, saved to {out}")
