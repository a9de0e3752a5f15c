namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>Elementwise samples: same shapes, broadcasts, 0-dim, one element, strided, specials.</summary>
public static partial class OutSampleTable
{
    private static readonly string[] UnaryNames =
        ["aten::relu", "aten::neg", "aten::abs", "aten::exp", "aten::log", "aten::sqrt", "aten::rsqrt", "aten::tanh", "aten::sigmoid",
         "aten::erf", "aten::sin", "aten::cos", "aten::silu"];

    private static readonly string[] BinaryNames =
        ["aten::mul.Tensor", "aten::div.Tensor", "aten::pow.Tensor_Tensor", "aten::maximum", "aten::minimum",
         "aten::gt.Tensor", "aten::lt.Tensor", "aten::ge.Tensor", "aten::le.Tensor", "aten::eq.Tensor", "aten::ne.Tensor"];

    private static readonly string[] ScalarNames =
        ["aten::mul.Scalar", "aten::div.Scalar", "aten::gt.Scalar", "aten::lt.Scalar", "aten::ge.Scalar", "aten::le.Scalar", "aten::eq.Scalar", "aten::ne.Scalar"];

    private static void AddElementwise()
    {
        foreach (var name in UnaryNames) Add(name, () => UnarySamples(name));
        Add("aten::gelu", () => UnarySamples("aten::gelu").SelectMany(s => new[] { s with { Label = s.Label + " none", Args = [.. s.Args, "none"] }, s with { Label = s.Label + " tanh", Args = [.. s.Args, "tanh"] } }));
        foreach (var name in BinaryNames) Add(name, () => BinarySamples(name, []));
        foreach (var op in new[] { "aten::add.Tensor", "aten::sub.Tensor" })
        {
            Add(op, () => BinarySamples(op, [Scalar.One]).Concat(BinarySamples(op, [Scalar.FromDouble(-0.5)]))
                .Append(S("alpha 2 broadcast", R(1, 4, 1, 5), R(2, 3, 5), Scalar.FromInt64(2))));
        }

        foreach (var name in ScalarNames) Add(name, () => ScalarSamples(name, []));
        foreach (var op in new[] { "aten::add.Scalar", "aten::sub.Scalar", "aten::rsub.Scalar" })
            Add(op, () => ScalarSamples(op, [Scalar.One]).Concat(ScalarSamples(op, [Scalar.FromDouble(2.5)])));

        Add("aten::leaky_relu", () => [S("slope", Special(3, 7, 37), Scalar.FromDouble(0.01)), S("int slope", R(4, 5), Scalar.FromInt64(2)), Allocating("int64", Longs(5, 6), Scalar.FromDouble(0.5))]);
        Add("aten::pow.Tensor_Scalar", () =>
        [
            S("square", Special(6, 7, 37), Scalar.FromInt64(2)), S("sqrt", Positive(7, 9), Scalar.FromDouble(0.5)),
            S("rsqrt", Positive(8, 3, 5), Scalar.FromDouble(-0.5)), S("fractional", Positive(9, 17), Scalar.FromDouble(3.3)),
            S("0-dim", R(10), Scalar.FromInt64(3)), Allocating("int64", Longs(11, 2, 3), Scalar.FromInt64(3)),
        ]);
        Add("aten::clamp", () =>
        [
            S("both", Special(12, 7, 37), (Scalar?)Scalar.FromDouble(-0.5), (Scalar?)Scalar.FromDouble(1)),
            S("max only", Strided(13, 5, 3), null, (Scalar?)Scalar.FromDouble(0.5)),
            S("min only", R(14, 1), (Scalar?)Scalar.FromInt64(0), null),
        ]);
        Add("aten::hardtanh", () => [S("default", Special(15, 33), Scalar.FromInt64(-1), Scalar.FromInt64(1)), S("0-dim", R(16), Scalar.FromDouble(-0.25), Scalar.FromDouble(0.25))]);
        Add("aten::where.self", () =>
        [
            S("same", Bools(17, 7, 37), Special(18, 7, 37), R(19, 7, 37)),
            S("three-way broadcast", Bools(20, 3, 1, 5), R(21, 4, 5), R(22, 3, 4, 1)),
            S("scalar sides", Bools(23, 2, 9), R(24), R(25, 9)),
            S("strided", Bools(26, 5, 3).t(), Strided(27, 3, 5), R(28, 3, 5)),
            Allocating("int64", Bools(29, 4), Longs(30, 4), Longs(31, 4)),
        ]);
        Add("aten::masked_fill.Scalar", () =>
        [
            S("same shape", Special(32, 7, 37), Bools(33, 7, 37), Scalar.FromDouble(0.5)),
            S("broadcast mask", R(34, 3, 4, 5), Bools(35, 4, 1), Scalar.FromDouble(double.NegativeInfinity)),
            S("int value", R(36, 9), Bools(37, 9), Scalar.FromInt64(-3)),
            Allocating("int64", Longs(38, 6), Bools(39, 6), Scalar.FromInt64(7)),
        ]);
    }

    private static IEnumerable<OutSample> UnarySamples(string name)
    {
        int seed = name.Length * 31;
        yield return S("[7, 37] specials", Special(seed, 7, 37));
        yield return S("[1]", R(seed + 1, 1));
        yield return S("0-dim", R(seed + 2));
        yield return S("[3, 5] strided", Strided(seed + 3, 3, 5));
        yield return S("[2, 0]", R(seed + 4, 2, 0));
        if (name is "aten::relu" or "aten::neg" or "aten::abs" or "aten::exp") yield return Allocating("int64", Longs(seed + 5, 2, 3));
    }

    private static IEnumerable<OutSample> BinarySamples(string name, object?[] tail)
    {
        int seed = name.Length * 17;
        bool positive = name.StartsWith("aten::pow", StringComparison.Ordinal);
        Tensor Left(int s, params int[] shape) => positive ? Positive(s, shape) : Special(s, shape);
        yield return S("same [7, 37]", [Left(seed, 7, 37), R(seed + 1, 7, 37), .. tail]);
        yield return S("broadcast [3, 1, 5] [4, 5]", [Left(seed + 2, 3, 1, 5), R(seed + 3, 4, 5), .. tail]);
        yield return S("0-dim left", [R(seed + 4), R(seed + 5, 2, 3), .. tail]);
        yield return S("0-dim right", [Left(seed + 6, 5, 7), R(seed + 7), .. tail]);
        yield return S("one element", [R(seed + 8, 1), R(seed + 9, 1), .. tail]);
        yield return S("strided", [Strided(seed + 10, 3, 5), R(seed + 11, 3, 5), .. tail]);
        yield return S("row broadcast [9, 33] [33]", [Left(seed + 12, 9, 33), R(seed + 13, 33), .. tail]);
        if (name is "aten::mul.Tensor" or "aten::add.Tensor" or "aten::gt.Tensor" or "aten::eq.Tensor" && IntegerAlpha(tail))
            yield return Allocating("int64", [Longs(seed + 14, 2, 3), Longs(seed + 15, 3), .. tail]);
        if (name is "aten::mul.Tensor" or "aten::lt.Tensor")
            yield return Allocating("float with int64", [R(seed + 16, 2, 3), Longs(seed + 17, 3), .. tail]);
    }

    private static IEnumerable<OutSample> ScalarSamples(string name, object?[] tail)
    {
        int seed = name.Length * 13;
        yield return S("float scalar", [Special(seed, 7, 37), Scalar.FromDouble(0.75), .. tail]);
        yield return S("int scalar", [R(seed + 1, 3, 5), Scalar.FromInt64(-2), .. tail]);
        yield return S("bool scalar", [R(seed + 2, 9), Scalar.FromBool(true), .. tail]);
        yield return S("0-dim", [R(seed + 3), Scalar.FromDouble(1.5), .. tail]);
        yield return S("strided", [Strided(seed + 4, 5, 3), Scalar.FromDouble(0.25), .. tail]);
        if (IntegerAlpha(tail)) yield return Allocating("int64", [Longs(seed + 5, 2, 3), Scalar.FromInt64(2), .. tail]);
    }

    // int64 tensors refuse a fractional alpha, as PyTorch does.
    private static bool IntegerAlpha(object?[] tail) => tail is not [Scalar { Kind: ScalarKind.Float }];
}
