"""Embedding -> recurrent layers (plain RNN, LSTM or GRU; uni- or bidirectional) -> linear head.

Token ids come left-padded (id 0 = <pad>), so the last time step is always the last word. The
head sees two summaries of the sentence: the forward state after the last word (what a reader
thinks at the end, which is what lets "..., but it was great" win) and a max over the words of
every output (a strong word anywhere still counts). Pads are masked out of the max.

With `pretrained` word vectors (V, D) the embedding starts as a frozen table plus a learned
projection D -> embedding, so words the training data never showed still land where similar words
did; each word may also learn its own correction on top (`tune_words`). `fold_embedding()` turns
that back into one plain embedding table before export, so the ONNX graph is the same either way.
"""
from __future__ import annotations

import torch
from torch import nn

CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class SentimentRNN(nn.Module):
    def __init__(self, vocab_size: int, classes: int = 2, cell: str = "lstm", embedding: int = 64,
                 hidden: int = 64, layers: int = 1, bidirectional: bool = False, dropout: float = 0.0,
                 pretrained: torch.Tensor | None = None, tune_words: bool = True):
        super().__init__()
        self.hidden_size = hidden
        self.embedding = nn.Embedding(vocab_size, embedding, padding_idx=0)
        self.project = None
        if pretrained is not None:
            self.register_buffer("pretrained", pretrained.float(), persistent=False)
            self.project = nn.Linear(pretrained.shape[1], embedding)
            nn.init.zeros_(self.embedding.weight)  # corrections start at nothing
            self.embedding.weight.requires_grad_(tune_words)
        kwargs = {"nonlinearity": "tanh"} if cell == "rnn" else {}
        self.rnn = CELLS[cell](embedding, hidden, num_layers=layers, batch_first=True,
                               bidirectional=bidirectional, dropout=dropout if layers > 1 else 0.0, **kwargs)
        width = hidden * (2 if bidirectional else 1)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(width + hidden, classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        mask = (ids != 0).unsqueeze(-1)
        out, _ = self.rnn(self.drop(self.embed(ids)))
        # Outputs of tanh-based cells lie in (-1, 1), so -2 can never win the max.
        pooled = out.masked_fill(~mask, -2.0).amax(dim=1)
        last = out[:, -1, :self.hidden_size]
        return self.head(self.drop(torch.cat([last, pooled], dim=1)))

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        if self.project is None:
            return self.embedding(ids)
        return (self.project(self.pretrained[ids]) + self.embedding(ids)) * (ids != 0).unsqueeze(-1)

    @torch.no_grad()
    def fold_embedding(self) -> None:
        """Replace pretrained table + projection + corrections by the one table they add up to."""
        if self.project is None:
            return
        table = self.embed(torch.arange(self.embedding.num_embeddings, device=self.embedding.weight.device))
        self.embedding = nn.Embedding.from_pretrained(table, freeze=False, padding_idx=0)
        self.project = None
        del self.pretrained
