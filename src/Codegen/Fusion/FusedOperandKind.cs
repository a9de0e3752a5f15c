namespace TorchJit.Codegen;

/// <summary>How a compiled fused loop reads one subgraph input.</summary>
public enum FusedOperandKind
{
    /// <summary>A tensor with every element of the group's shape, read at the loop's index.</summary>
    Full,

    /// <summary>A number, or a one-element tensor: read once per call and broadcast to every lane.</summary>
    Scalar,

    /// <summary>A tensor that repeats along the group's leading dimensions (a bias [C] against [N, C]): read at the index within the row.</summary>
    Row,
}
