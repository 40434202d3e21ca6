"""What the sentiment page teaches with: example sentences and each cell's equations (no model, no torch)."""

# Example sentences for the page (none of them is in a hand-written evaluation set).
EXAMPLES = [
    "I expected it to be boring, but the film was wonderful.",
    "The room was not bad at all.",
    "I would never order from this shop again.",
    "The food was great but the waiter was incredibly rude.",
    "Absolutely love my new headphones 😍",
    "@airline my flight got cancelled AGAIN. thanks for nothing",
    "The hotel was fine, nothing special.",
]

EQUATIONS = {  # one aligned block per cell, short lines so they fit beside the heat-map
    "lstm": r"""\begin{aligned}
i_t &= \sigma(W_i x_t + U_i h_{t-1} + b_i) \\
f_t &= \sigma(W_f x_t + U_f h_{t-1} + b_f) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1} + b_o) \\
\tilde c_t &= \tanh(W_c x_t + U_c h_{t-1} + b_c) \\
c_t &= f_t \odot c_{t-1} + i_t \odot \tilde c_t \\
h_t &= o_t \odot \tanh(c_t)
\end{aligned}""",
    "gru": r"""\begin{aligned}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) \\
n_t &= \tanh\big(W_n x_t + r_t \odot (U_n h_{t-1} + b_n)\big) \\
h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1}
\end{aligned}""",
    "rnn": r"h_t = \tanh(W x_t + U h_{t-1} + b)",
}
