"""What the sentiment page teaches with: example sentences, how each language's model reads, and each
cell's equations (no model, no torch)."""
from dlplay.i18n import N_

# Example sentences for the page, English then Chinese (none of them is in a hand-written evaluation set
# or generated as training data; a test checks). The Chinese ones show negation (不好, 一点也不) and
# contrast (虽然……但是……, 不过), and one is in traditional characters.
EXAMPLES = [
    "I expected it to be boring, but the film was wonderful.",
    "The room was not bad at all.",
    "I would never order from this shop again.",
    "The food was great but the waiter was incredibly rude.",
    "Absolutely love my new headphones 😍",
    "@airline my flight got cancelled AGAIN. thanks for nothing",
    "The hotel was fine, nothing special.",
    "这家店的包子不好吃，皮太厚了。",
    "这个耳机的音质一点也不差，戴着还很舒服。",
    "虽然房间不大，但是收拾得很干净，服务员也很热情。",
    "虽然画面很精致，但是剧情太拖沓，看得我直打哈欠。",
    "书的内容很实用，不过纸张有点薄。",
    "這家飯店的早餐很豐富，下次還會再來。",
]

# How each language's model cuts a text into tokens, as the page explains it beside the tokens read.
READING = {
    "en": N_("**Tokens the model read** (lower-cased; `n't` becomes *not*; user names, links and numbers "
             "become `<user>`, `<url>`, `<num>`):"),
    "zh": N_("**Characters the model read** (one token per Chinese character; Latin words stay whole and "
             "lower-cased; numbers and links become `<num>` and `<url>`; full-width letters and punctuation "
             "are read as their half-width forms):"),
}
# The header of the token-by-token section and the words to watch, per language.
STEPS = {"en": N_("2 · The verdict, word by word"), "zh": N_("2 · The verdict, character by character")}
WATCH = {
    "en": N_("Each cell is what the network would answer **if the sentence stopped after that word** (blue = "
             "positive, red = negative). Watch a *but* or a *not* turn it around."),
    "zh": N_("Each cell is what the network would answer **if the sentence stopped after that character** "
             "(blue = positive, red = negative). Watch a 不 (not) or a 但是 (but) turn it around."),
}

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
