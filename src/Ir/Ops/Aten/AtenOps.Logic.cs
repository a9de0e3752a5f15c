namespace TorchJit.Ir;

/// <summary>Logic on bools (TorchScript's scalar ops).</summary>
public static partial class AtenOps
{
    /// <summary><c>not a</c>.</summary>
    [Schema("aten::__not__(bool self) -> bool")]
    public static bool __not__(bool self) => !self;

    internal static JitType __not___type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => BoolType.Instance;
}
