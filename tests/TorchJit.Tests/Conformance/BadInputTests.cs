using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// Wrong shapes and dtypes raise an exception whose message names the op and the shapes involved, for a
/// representative op of every family.
/// </summary>
public sealed class BadInputTests
{
    private static readonly Tensor X23 = zeros(2, 3);
    private static readonly Tensor X34 = zeros(3, 4);

    public static TheoryData<string> Cases => [.. Table.Keys];

    private static readonly Dictionary<string, (Func<object> Run, string[] Expected)> Table = new()
    {
        ["add: shapes do not broadcast"] = (() => X23 + zeros(4), ["aten::add", "Float[2, 3]", "Float[4]"]),
        ["mul: shapes do not broadcast"] = (() => X23 * zeros(3, 2), ["aten::mul", "Float[2, 3]", "Float[3, 2]"]),
        ["gt: shapes do not broadcast"] = (() => X23 > zeros(2, 2), ["aten::gt", "Float[2, 3]", "Float[2, 2]"]),
        ["where: shapes do not broadcast"] = (() => where(ones([2, 3], DType.Bool), X23, zeros(5)), ["aten::where", "Bool[2, 3]", "Float[5]"]),
        ["where: condition not bool"] = (() => where(X23, X23, X23), ["aten::where", "Float[2, 3]"]),
        ["masked_fill: mask not bool"] = (() => AtenOps.masked_fill(X23, X23, 1), ["aten::masked_fill", "Float[2, 3]"]),
        ["gelu: bool input"] = (() => F.gelu(ones([3], DType.Bool)), ["aten::gelu", "Bool[3]"]),
        ["mean: int64 input"] = (() => ones([2, 3], DType.Int64).mean(), ["aten::mean", "Long[2, 3]"]),
        ["sum: dim out of range"] = (() => X23.sum(2), ["aten::sum", "[-2, 1]", "2"]),
        ["softmax: dim out of range"] = (() => X23.softmax(-3), ["aten::softmax", "[-2, 1]", "-3"]),
        ["max.dim: empty dim"] = (() => zeros(2, 0).max(1), ["aten::max", "Float[2, 0]"]),
        ["matmul: inner sizes differ"] = (() => X23.matmul(zeros(2, 3)), ["aten::matmul", "Float[2, 3]"]),
        ["matmul: 0-dim operand"] = (() => X23.matmul(tensor(1f)), ["aten::matmul", "Float[2, 3]", "Float[]"]),
        ["mm: 3-D operand"] = (() => AtenOps.mm(zeros(2, 2, 3), X34), ["aten::mm", "Float[2, 2, 3]", "Float[3, 4]"]),
        ["bmm: batch sizes differ"] = (() => AtenOps.bmm(zeros(2, 2, 3), zeros(3, 3, 4)), ["aten::bmm", "Float[2, 2, 3]", "Float[3, 3, 4]"]),
        ["linear: feature count differs"] = (() => F.linear(X23, zeros(5, 4)), ["aten::linear", "[2, 3]", "[5, 4]"]),
        ["linear: bias size differs"] = (() => F.linear(X23, zeros(5, 3), zeros(4)), ["aten::linear", "[4]", "[5]"]),
        ["conv2d: channels differ"] = (() => F.conv2d(zeros(1, 3, 5, 5), zeros(4, 2, 3, 3)), ["aten::conv2d", "Float[1, 3, 5, 5]", "Float[4, 2, 3, 3]"]),
        ["conv2d: 2-D input"] = (() => F.conv2d(zeros(5, 5), zeros(4, 1, 3, 3)), ["aten::conv2d", "Float[5, 5]"]),
        ["conv2d: kernel larger than padded input"] = (() => F.conv2d(zeros(1, 1, 2, 2), zeros(1, 1, 3, 3)), ["aten::conv2d", "Float[1, 1, 2, 2]", "Float[1, 1, 3, 3]"]),
        ["conv1d: 4-D weight"] = (() => F.conv1d(zeros(1, 2, 5), zeros(3, 2, 1, 1)), ["aten::conv1d", "Float[3, 2, 1, 1]"]),
        ["max_pool2d: 2-D input"] = (() => F.max_pool2d(zeros(4, 4), [2]), ["aten::max_pool2d", "Float[4, 4]"]),
        ["avg_pool2d: padding over half the kernel"] = (() => F.avg_pool2d(zeros(1, 1, 4, 4), [2], padding: [2]), ["aten::avg_pool2d", "pad", "kernel"]),
        ["adaptive_avg_pool2d: 5-D input"] = (() => F.adaptive_avg_pool2d(zeros(1, 1, 1, 4, 4), [2, 2]), ["aten::adaptive_avg_pool2d", "Float[1, 1, 1, 4, 4]"]),
        ["layer_norm: shape mismatch"] = (() => F.layer_norm(X23, [4]), ["aten::layer_norm", "Float[2, 3]", "[4]"]),
        ["layer_norm: weight size"] = (() => F.layer_norm(X23, [3], zeros(4)), ["aten::layer_norm", "Float[4]"]),
        ["batch_norm: channels differ"] = (() => F.batch_norm(X23, zeros(4), ones(4)), ["aten::batch_norm", "Float[4]"]),
        ["group_norm: groups do not divide channels"] = (() => F.group_norm(zeros(2, 6, 3), 4), ["aten::group_norm", "6", "4"]),
        ["embedding: float indices"] = (() => F.embedding(X23, X34), ["aten::embedding", "Float[2, 3]"]),
        ["embedding: 1-D weight"] = (() => F.embedding(tensor([1L]), zeros(5)), ["aten::embedding", "Float[5]"]),
        ["cat: sizes differ off the dim"] = (() => torch.cat([X23, X34], 0), ["aten::cat", "Float[3, 4]"]),
        ["cat: ranks differ"] = (() => torch.cat([X23, zeros(2, 3, 1)], 0), ["aten::cat", "Float[2, 3]", "Float[2, 3, 1]"]),
        ["stack: shapes differ"] = (() => torch.stack([X23, X34]), ["aten::stack", "Float[2, 3]", "Float[3, 4]"]),
        ["view: incompatible size"] = (() => X23.view(4, 2), ["aten::view", "[4, 2]", "6"]),
        ["view: incompatible strides"] = (() => X23.t().view(6), ["aten::view", "Float[3, 2]"]),
        ["reshape: two -1"] = (() => X23.reshape(-1, -1), ["aten::reshape", "[-1, -1]"]),
        ["expand: non-singleton dim"] = (() => X23.expand(4, 3, 2), ["aten::expand", "[4, 3, 2]", "[2, 3]"]),
        ["permute: wrong dim count"] = (() => X23.permute(0), ["aten::permute", "Float[2, 3]"]),
        ["select: index out of range"] = (() => X23.select(1, 3), ["aten::select", "[2, 3]", "3"]),
        ["narrow: past the end"] = (() => X23.narrow(1, 2, 2), ["aten::narrow", "Float[2, 3]"]),
        ["sdpa: head dims differ"] = (() => F.scaled_dot_product_attention(zeros(1, 2, 4), zeros(1, 3, 5), zeros(1, 3, 4)), ["aten::scaled_dot_product_attention", "Float[1, 2, 4]", "Float[1, 3, 5]"]),
        ["sdpa: mask does not broadcast"] = (() => F.scaled_dot_product_attention(zeros(1, 2, 4), zeros(1, 3, 4), zeros(1, 3, 4), ones([3, 2], DType.Bool)), ["aten::scaled_dot_product_attention", "Bool[3, 2]", "Float[1, 2, 4]"]),
        ["add: int64 with fractional alpha"] = (() => AtenOps.add(ones([2], DType.Int64), ones([2], DType.Int64), 0.5), ["aten::add", "Long[2]"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheMessageNamesTheOpAndTheShapes(string name)
    {
        var (run, expected) = Table[name];
        AssertRefused(name, run, expected);
    }

    [Fact]
    public void MmAndBmmInnerSizeMismatchNameTheirOwnOp()
    {
        AssertRefused("mm", () => AtenOps.mm(X23, X23), ["aten::mm", "Float[2, 3]"]);
        AssertRefused("bmm", () => AtenOps.bmm(zeros(2, 2, 3), zeros(2, 2, 3)), ["aten::bmm", "Float[2, 2, 3]"]);
    }

    private static void AssertRefused(string name, Func<object> run, string[] expected)
    {
        var e = Assert.ThrowsAny<Exception>(run);

        Assert.True(e is ArgumentException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException, $"{name}: unexpected {e.GetType().Name}: {e.Message}");
        foreach (var part in expected) Assert.Contains(part, e.Message);
    }
}
