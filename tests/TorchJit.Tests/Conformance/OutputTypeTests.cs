using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// The op registry's output-type functions (what shape inference and compiled plans rely on) agree with
/// what the eager op returns: where a type function claims a dtype or sizes, the result has them.
/// </summary>
public sealed class OutputTypeTests
{
    private static readonly Dictionary<string, (string Op, IValue[] Args)> Table = new()
    {
        ["add float"] = ("aten::add.Tensor", [zeros(2, 3), zeros(3), Scalar.One]),
        ["add int64"] = ("aten::add.Tensor", [Ints(2, 3), Ints(1, 3), Scalar.One]),
        ["add int64 with float"] = ("aten::add.Tensor", [Ints(2, 3), zeros(3), Scalar.One]),
        ["div int64"] = ("aten::div.Tensor", [Ints(2, 3), Ints(3)]),
        ["exp int64"] = ("aten::exp", [Ints(4)]),
        ["neg int64"] = ("aten::neg", [Ints(4)]),
        ["gt int64"] = ("aten::gt.Tensor", [Ints(2, 1), Ints(3)]),
        ["eq bool"] = ("aten::eq.Tensor", [Bools(2, 3), Bools(3)]),
        ["where float"] = ("aten::where.self", [Bools(2, 1), zeros(3), zeros(2, 3)]),
        ["where int64"] = ("aten::where.self", [Bools(2, 1), Ints(3), Ints(2, 3)]),
        ["where bool"] = ("aten::where.self", [Bools(2, 1), Bools(3), Bools(2, 3)]),
        ["masked_fill int64"] = ("aten::masked_fill.Scalar", [Ints(2, 3), Bools(3), Scalar.FromInt64(-1)]),
        ["sum all"] = ("aten::sum", [zeros(2, 3), IValue.None]),
        ["sum all int64"] = ("aten::sum", [Ints(2, 3), IValue.None]),
        ["sum dim"] = ("aten::sum.dim_IntList", [zeros(2, 3, 4), new long[] { 1 }, false, IValue.None]),
        ["sum dims keepdim"] = ("aten::sum.dim_IntList", [zeros(2, 3, 4), new long[] { -1, 0 }, true, IValue.None]),
        ["sum dim of 0-dim"] = ("aten::sum.dim_IntList", [tensor(2f), new long[] { 0 }, true, IValue.None]),
        ["sum dim bool"] = ("aten::sum.dim_IntList", [Bools(2, 3), new long[] { 0 }, false, IValue.None]),
        ["softmax"] = ("aten::softmax.int", [zeros(2, 3), 1L, IValue.None]),
        ["dropout"] = ("aten::dropout", [zeros(2, 3), 0.5, false]),
        ["layer_norm"] = ("aten::layer_norm", [zeros(2, 3), new long[] { 3 }, IValue.None, IValue.None, 1e-5, true]),
        ["linear"] = ("aten::linear", [zeros(4, 3), zeros(5, 3), zeros(5)]),
        ["relu"] = ("aten::relu", [zeros(2, 0)]),
        ["leaky_relu"] = ("aten::leaky_relu", [zeros(2, 3), Scalar.FromDouble(0.1)]),
        ["clamp"] = ("aten::clamp", [zeros(2, 3), Scalar.FromInt64(0), IValue.None]),
    };

    public static TheoryData<string> Cases => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheTypeFunctionAgreesWithTheEagerResult(string name)
    {
        var (opName, args) = Table[name];
        var op = OpRegistry.Get(opName);
        var result = op.Invoke(args).ToTensor();
        if (op.OutputType is not { } typeOf) return;

        var inputs = args.Select(a => a.Kind == IValueKind.Tensor ? TensorType.Of(a.ToTensor()) : (JitType)NoneType.Instance).ToArray();
        var constants = args.Select(a => a.Kind == IValueKind.Tensor ? (IValue?)null : a).ToArray();
        var predicted = Assert.IsType<TensorType>(typeOf(inputs, constants));

        if (predicted.DType is { } dtype) Assert.True(dtype == result.DType, $"{opName} ({name}): type function says {DTypes.TorchName(dtype)}, the op returns {result.Describe()}");
        if (predicted.Sizes is { } sizes) Assert.True(sizes.SequenceEqual(result.Shape.ToArray()), $"{opName} ({name}): type function says [{string.Join(", ", sizes)}], the op returns {result.Describe()}");
    }

    private static Tensor Ints(params long[] shape) => ones(shape, DType.Int64);

    private static Tensor Bools(params long[] shape) => ones(shape, DType.Bool);
}
