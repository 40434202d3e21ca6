# DL Playground, hosted demo image.
#   CPU (default):  docker build -t dlplay .
#   GPU (CUDA):     docker build -t dlplay-gpu --build-arg TORCH_INDEX=https://download.pytorch.org/whl/cu130 .
#                   docker run --gpus all -p 8501:8501 dlplay-gpu
# The CPU build takes torch from PyTorch's CPU wheel index (about 200 MB instead of several GB of
# CUDA libraries); onnxruntime-gpu still installs and falls back to the CPU provider.
FROM python:3.11-slim

ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DLPLAY_DATA_DIR=/home/app/.cache/dlplay

# fonts-noto-cjk: the pictures drawn in Python (probability bars, discriminator bars) write Chinese labels.
RUN apt-get update && apt-get install -y --no-install-recommends curl libgomp1 fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /app

COPY requirements.txt .
# torch and torchvision first, from the chosen index, so requirements.txt finds them satisfied.
RUN pip install --index-url "$TORCH_INDEX" torch==2.14.1 torchvision==0.29.1 \
    && pip install -r requirements.txt

COPY --chown=app:app . .
RUN mkdir -p .streamlit && cp deploy/config.toml .streamlit/config.toml && chown -R app:app .streamlit

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8501/_stcore/health || exit 1
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501"]
