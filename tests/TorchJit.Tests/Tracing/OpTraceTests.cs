using System.Reflection;
using TorchJit.Ir;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Tracing;

/// <summary>
/// Every op of the eager library traces: each family runs once through a small module, the trace must hold
/// the op's node, raise no warning, and compute what eager mode computes on the example input and on a
/// fresh one (so nothing was baked in). A coverage check finds every eager member that names an op
/// (<c>[Op]</c>) and fails if some op kind is traced by no case here.
/// </summary>
public sealed class OpTraceTests
{
    private static readonly Func<Tensor> Matrix = () => rand(3, 4);
    private static readonly Func<Tensor> Positive = () => rand(3, 4) + 0.5;
    private static readonly Func<Tensor> Image = () => rand(2, 4, 6, 6);

    private static readonly OpCase[] Cases =
    [
        new("add", ["aten::add"], Matrix, (_, x) => x + x.exp()),
        new("add number", ["aten::add"], Matrix, (_, x) => (x + 10) + (2.5 + x)),
        new("sub", ["aten::sub", "aten::rsub"], Matrix, (_, x) => (x - x.exp()) - 1 - (5 - x)),
        new("neg", ["aten::neg"], Matrix, (_, x) => -x + x.neg()),
        new("mul", ["aten::mul"], Matrix, (_, x) => x * x * 3 * (2 * x)),
        new("div", ["aten::div"], Positive, (_, x) => x / (x + 1) / 2),
        new("compare tensors", ["aten::gt", "aten::lt", "aten::ge", "aten::le", "aten::eq", "aten::ne"], Matrix,
            (_, x) => cat([x > x.exp(), x < x.exp(), x >= x.sin(), x <= x.exp(), x.eq(x), x.ne(x), x.gt(x.sin())])),
        new("compare numbers", ["aten::gt", "aten::lt", "aten::ge", "aten::le"], Matrix, (_, x) => cat([x > 0.5, x < 0.5, x >= 0.25, x <= 0.75])),
        new("sums", ["aten::sum"], Matrix, (_, x) => x.sum() + x.sum([0L]) + x.sum(1, keepdim: true) + sum(x)),
        new("means", ["aten::mean"], Matrix, (_, x) => x.mean() + x.mean([0L]) + x.mean(1, keepdim: true)),
        new("moments", ["aten::var", "aten::std"], Matrix, (_, x) => x.var([1L]) + x.std([1L], unbiased: false)),
        new("extremes", ["aten::max", "aten::min", "aten::amax", "aten::maximum", "aten::minimum"], Matrix,
            (_, x) => x.max() - x.min() + x.amax([1L]).sum() + x.max(1).values.sum() + x.min(0, keepdim: true).values.sum() + maximum(x, x.cos()) + minimum(x, x.sin())),
        new("argmax", ["aten::argmax"], Matrix, (_, x) => x.argmax(1)),
        new("softmax", ["aten::softmax", "aten::log_softmax"], Matrix, (_, x) => x.softmax(1) + x.log_softmax(0) + F.softmax(x, -1) + F.log_softmax(x, 1) + softmax(x, 0)),
        new("unary math", ["aten::relu", "aten::abs", "aten::exp", "aten::log", "aten::sqrt", "aten::rsqrt", "aten::tanh", "aten::sigmoid", "aten::erf", "aten::sin", "aten::cos"], Positive,
            (_, x) => x.relu() + x.abs() + x.exp() + x.log() + x.sqrt() + x.rsqrt() + x.tanh() + x.sigmoid() + x.erf() + x.sin() + x.cos() + relu(x) + exp(x) + tanh(x) + sigmoid(x)),
        new("pow", ["aten::pow"], Positive, (_, x) => x.pow(2) + x.pow(x)),
        new("clamp", ["aten::clamp"], Matrix, (_, x) => x.clamp(0.25, 0.75) + x.clamp(min: 0.5)),
        new("masked_fill and where", ["aten::masked_fill", "aten::where"], Matrix, (_, x) => x.masked_fill(x > 0.5, -1) + where(x < 0.5, x, x.exp())),
        new("views", ["aten::view", "aten::reshape", "aten::transpose", "aten::t", "aten::permute", "aten::flatten", "aten::contiguous"], Matrix,
            (_, x) => x.view(4, 3).reshape(2, 6).reshape(6, 2).t().transpose(0, 1).contiguous().view(3, 4).unsqueeze(0).permute(2, 0, 1).contiguous().flatten()),
        new("slicing", ["aten::select", "aten::narrow", "aten::slice", "aten::squeeze", "aten::unsqueeze", "aten::expand"], Matrix,
            (_, x) => x.select(0, 1).narrow(0, 1, 2).unsqueeze(1).expand(2, 3) + x.slice(1, 1, null, 2).squeeze().sum() + x.unsqueeze(0).squeeze(0).sum()),
        new("clone", ["aten::clone"], Matrix, (_, x) => x.t().clone() + x.clone().t()),
        new("cat and stack", ["aten::cat", "aten::stack"], Matrix, (_, x) => cat([x, x * 2], 1).sum() + stack([x, x.exp()], 0)),
        new("matmul", ["aten::matmul"], Matrix, (_, x) => x.matmul(x.t()) + matmul(x, x.t())),
        new("torch functions", ["aten::add", "aten::mul"], Matrix, (_, x) => add(x, mul(x, x))),
        new("linear", ["aten::linear"], Matrix, (m, x) => F.linear(x, m.B[0], m.B[1]) + F.linear(x, m.B[0]), () => rand(5, 4), () => rand(5)),
        new("dropout", ["aten::dropout"], Matrix, (_, x) => F.dropout(x, 0.5, training: false)),
        new("activations", ["aten::gelu", "aten::silu", "aten::leaky_relu", "aten::hardtanh", "aten::relu", "aten::sigmoid", "aten::tanh"], Matrix,
            (_, x) => F.gelu(x) + F.gelu(x, "tanh") + F.silu(x) + F.leaky_relu(x, 0.2) + F.hardtanh(x, -0.5, 0.5) + F.relu(x) + F.sigmoid(x) + F.tanh(x)),
        new("conv2d", ["aten::conv2d"], Image, (m, x) => F.conv2d(x, m.B[0], m.B[1], stride: [2], padding: [1]), () => rand(3, 4, 3, 3), () => rand(3)),
        new("conv1d", ["aten::conv1d"], () => rand(2, 4, 9), (m, x) => F.conv1d(x, m.B[0], null, padding: [1], dilation: [2]), () => rand(3, 4, 3)),
        new("norms", ["aten::layer_norm", "aten::batch_norm", "aten::group_norm"], Image,
            (m, x) => F.layer_norm(x, [6L, 6L]) + F.batch_norm(x, m.B[0], m.B[1], m.B[2], m.B[3]) + F.group_norm(x, 2, m.B[2], m.B[3]),
            () => rand(4), () => rand(4) + 0.5, () => rand(4), () => rand(4)),
        new("pooling", ["aten::max_pool2d", "aten::avg_pool2d", "aten::adaptive_avg_pool2d"], Image,
            (_, x) => F.max_pool2d(x, [2L]) + F.avg_pool2d(x, [2L]) + F.adaptive_avg_pool2d(x, [3L, 3L])),
        new("embedding", ["aten::embedding"], () => Tensor.FromArray([3L, 0, 2, 2], 2, 2), (m, x) => F.embedding(x, m.B[0]), () => rand(5, 3)),
        new("attention", ["aten::scaled_dot_product_attention"], () => rand(2, 5, 8),
            (_, x) => F.scaled_dot_product_attention(x, x.exp(), x.sin()) + F.scaled_dot_product_attention(x, x, x, is_causal: true)),
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void TracesTheOpAndComputesWhatEagerComputes(string name)
    {
        var c = Cases.Single(c => c.Name == name);
        var module = new OpModule(c.Body, c.Buffers.Select(b => b()).ToArray());
        var example = c.Input();
        var warnings = new List<TracerWarning>();

        var traced = Jit.Trace(module, example, warnings.Add);

        Assert.Empty(warnings);
        var kinds = Kinds(traced.ForwardGraph);
        foreach (var kind in c.Kinds) Assert.Contains(kind, kinds);
        foreach (var x in new[] { example, c.Input() })
        {
            var eager = module.forward(x);
            var replay = traced.forward(x);
            Assert.True(eager.BitEquals(replay), $"{name}: the trace computes something else than eager mode");
        }

        string printed = GraphPrinter.Print(traced.ForwardGraph, sourceRanges: false);
        Assert.Equal(printed, GraphPrinter.Print(IrParser.Parse(printed), sourceRanges: false));
    }

    [Fact]
    public void EveryOpTheEagerLibraryNamesIsTracedByACase()
    {
        // Conversions to C# values are not graph nodes: a trace warns about them instead (TracerWarningTests).
        string[] conversions = ["aten::Bool", "aten::item"];
        var eagerKinds = new[] { typeof(Tensor), typeof(torch), typeof(torch.nn.functional) }
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<OpAttribute>())
            .OfType<OpAttribute>()
            .Select(a => OpRegistry.Get(a.QualifiedName).Schema.Kind)
            .Except(conversions)
            .ToHashSet();
        var covered = Cases.SelectMany(c => c.Kinds).ToHashSet();

        Assert.Empty(eagerKinds.Except(covered).Order());
        Assert.True(eagerKinds.Count >= 60, $"only {eagerKinds.Count} op kinds found: is the [Op] scan broken?");
    }

    [Fact]
    public void ZooModelsTraceWithoutWarningsAndMatchEager()
    {
        foreach (var entry in Zoo.ModelZoo.All.Where(m => m.Name != "cond"))
        {
            var model = entry.Create();
            var warnings = new List<TracerWarning>();
            var traced = Jit.Trace(model, entry.ExampleInput(), warnings.Add);

            Assert.Empty(warnings);
            var x = entry.ExampleInput();
            Assert.True(model.forward(x).BitEquals(traced.forward(x)), entry.Name);
        }
    }

    private static HashSet<string> Kinds(Graph g) => g.Block.Nodes.Select(n => n.Kind).ToHashSet();

    private sealed record OpCase(string Name, string[] Kinds, Func<Tensor> Input, Func<OpModule, Tensor, Tensor> Body, params Func<Tensor>[] Buffers);

    /// <summary>A module whose forward is a lambda; its tensors are buffers, so a trace reads them through <c>self</c>.</summary>
    private sealed class OpModule : torch.nn.Module<Tensor, Tensor>
    {
        private readonly Func<OpModule, Tensor, Tensor> body;

        public OpModule(Func<OpModule, Tensor, Tensor> body, Tensor[] buffers)
            : base(nameof(OpModule))
        {
            this.body = body;
            B = buffers;
            for (int i = 0; i < buffers.Length; i++) register_buffer("b" + i, buffers[i]);
        }

        public Tensor[] B { get; }

        public override Tensor forward(Tensor input) => body(this, input);
    }
}
