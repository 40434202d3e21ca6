"""A scalar expression as a graph: the chain rule before networks.

Each node holds a value (forward pass) and, after `backward`, the gradient of the output with respect
to it. Each edge from an input to the node using it carries the local derivative of that node with
respect to that input, so a node's gradient is the sum over its outgoing edges of (gradient of the
node above) x (local derivative on the edge): reverse-mode automatic differentiation, small enough
to draw. `example(a, b, c, d)` builds the page's f = (a·b + c)·tanh(d).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

# op -> (how the page writes it, the value, the local derivatives with respect to each input)
OPS = {
    "mul": ("×", lambda u, v: u * v, lambda u, v: (v, u)),
    "add": ("+", lambda u, v: u + v, lambda u, v: (1.0, 1.0)),
    "tanh": ("tanh", lambda u: math.tanh(u), lambda u: (1.0 - math.tanh(u) ** 2,)),
}
# How a local derivative is written, per op and input position (u, v: the inputs; out: the node).
LOCAL_FORMULAS = {
    "mul": ("{v}", "{u}"),
    "add": ("1", "1"),
    "tanh": ("1 - tanh²({u})",),
}


@dataclass
class Node:
    name: str
    op: str  # "input" or a key of OPS
    inputs: tuple[str, ...] = ()
    value: float = 0.0
    grad: float | None = None  # None until backward has run
    local: tuple[float, ...] = ()  # d(this node) / d(each input)

    @property
    def formula(self) -> str:
        """How the node computes its value, in the names of its inputs."""
        if self.op == "input":
            return self.name
        symbol = OPS[self.op][0]
        if len(self.inputs) == 1:
            return f"{symbol}({self.inputs[0]})"
        return f" {symbol} ".join(self.inputs)


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)  # in the order they were computed

    def input(self, name: str, value: float) -> str:
        self.nodes[name] = Node(name, "input", value=float(value))
        return name

    def apply(self, name: str, op: str, *inputs: str) -> str:
        _, fn, dfn = OPS[op]
        args = [self.nodes[i].value for i in inputs]
        self.nodes[name] = Node(name, op, tuple(inputs), float(fn(*args)), local=tuple(float(d) for d in dfn(*args)))
        return name

    def edges(self) -> list[tuple[str, str, float, str]]:
        """(input, node, local derivative, its formula) for every use of a node as an input."""
        out = []
        for node in self.nodes.values():
            for k, (src, d) in enumerate(zip(node.inputs, node.local)):
                names = dict(zip("uv", node.inputs))
                out.append((src, node.name, d, LOCAL_FORMULAS[node.op][k].format(**names)))
        return out

    def backward(self, output: str) -> None:
        """Fill in every node's gradient d(output)/d(node), visiting nodes from the output down."""
        for node in self.nodes.values():
            node.grad = 0.0
        self.nodes[output].grad = 1.0
        for node in reversed(list(self.nodes.values())):
            for src, d in zip(node.inputs, node.local):
                self.nodes[src].grad += node.grad * d

    def paths(self, output: str, start: str) -> list[list[tuple[str, str, float]]]:
        """Every chain of edges (lower node, upper node, local derivative) from `start` up to `output`:
        the terms the chain rule sums. A node that uses an input twice (x·x) gives two chains."""
        if start == output:
            return [[]]
        return [[(start, node.name, d)] + rest
                for node in self.nodes.values() for src, d in zip(node.inputs, node.local) if src == start
                for rest in self.paths(output, node.name)]


INPUTS = ("a", "b", "c", "d")
OUTPUT = "f"


def example(a: float, b: float, c: float, d: float) -> Graph:
    """f = (a·b + c)·tanh(d) with its forward and backward pass done."""
    g = Graph()
    for name, value in zip(INPUTS, (a, b, c, d)):
        g.input(name, value)
    g.apply("m", "mul", "a", "b")
    g.apply("s", "add", "m", "c")
    g.apply("t", "tanh", "d")
    g.apply(OUTPUT, "mul", "s", "t")
    g.backward(OUTPUT)
    return g
