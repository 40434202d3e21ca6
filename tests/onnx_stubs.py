"""Tiny ONNX models for tests that need a loadable file but no trained network."""
from onnx import TensorProto, helper


def elementwise(op: str = "Relu", input_name: str = "x", output_name: str = "y", width: int = 2) -> bytes:
    """[batch, width] -> [batch, width] through one element-wise op (Relu, Identity...)."""
    x = helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["batch", width])
    y = helper.make_tensor_value_info(output_name, TensorProto.FLOAT, ["batch", width])
    graph = helper.make_graph([helper.make_node(op, [input_name], [output_name])], "g", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model.SerializeToString()
