namespace TorchJit.Onnx;

/// <summary>
/// What an IR value became in the ONNX graph: the name of a tensor, its element type, its rank when known,
/// and whether it stands for a TorchScript number (a 0-d tensor that promotes as a wrapped number: a float
/// number does not turn a float32 tensor into a double one). A placeholder (<c>prim::Uninitialized</c>) is
/// never read; type agreement ignores it.
/// </summary>
internal sealed record Exported(string Name, ElemType Type, int? Rank, bool IsNumber = false, bool IsPlaceholder = false);
