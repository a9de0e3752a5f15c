using TorchJit.Passes;
using static TorchJit.torch;

namespace TorchJit.Tests.Passes;

/// <summary>Batch-norm folding and epilogue fusion on real modules: the graph changes as claimed and the numbers stay.</summary>
public sealed class FoldAndFuseTests
{
    [Fact]
    public void Conv_batch_norm_relu_folds_and_fuses_into_one_node_within_tolerance()
    {
        manual_seed(7);
        var model = nn.Sequential(nn.Conv2d(3, 8, 3, stride: 2, padding: 1), AsIfTrained(nn.BatchNorm2d(8)), nn.ReLU());
        model.eval();
        var compiled = Jit.Compile(Jit.Trace(model, rand(2, 3, 9, 9)));
        var graph = compiled.OptimizedGraph.ToString();
        Assert.DoesNotContain("aten::batch_norm", graph);
        Assert.Contains("torchjit::conv2d_relu", graph);

        // The folded weights differ in rounding only: assert_close with a looser rtol, as PyTorch's own
        // conv-bn folding tests do.
        for (int i = 0; i < 20; i++)
        {
            var x = randn(2, 3, 9, 9);
            TensorAssert.Close(model.forward(x), compiled.forward(x), rtol: 1e-4, atol: 1e-5, $"input {i}");
        }
    }

    [Fact]
    public void Linear_batch_norm_folds_when_the_trace_knows_the_output_is_2d()
    {
        manual_seed(8);
        var model = nn.Sequential(nn.Linear(10, 6), AsIfTrained(nn.BatchNorm1d(6)), nn.ReLU());
        model.eval();
        var compiled = Jit.Compile(Jit.Trace(model, rand(4, 10)));
        var graph = compiled.OptimizedGraph.ToString();
        Assert.DoesNotContain("aten::batch_norm", graph);
        Assert.Contains("torchjit::linear_relu", graph);
        for (int i = 0; i < 20; i++)
        {
            var x = randn(4, 10);
            TensorAssert.Close(model.forward(x), compiled.forward(x), rtol: 1e-4, atol: 1e-5, $"input {i}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void Fused_linear_relu_is_bit_identical_to_linear_then_relu(int batch)
    {
        // Batches under 12 rows take the dot kernels, larger ones the packed GEMM's epilogue: both paths.
        manual_seed(9);
        var layer = nn.Linear(40, 24);
        var x = randn(batch, 40) * 3;
        var expected = TorchJit.Ir.AtenOps.relu(TorchJit.Ir.AtenOps.linear(x, layer.weight, layer.bias));
        Assert.True(expected.BitEquals(TorchJit.Ir.AtenOps.linear_relu(x, layer.weight, layer.bias)));
    }

    [Theory]
    [InlineData("gelu")]
    [InlineData("gelu_tanh")]
    [InlineData("silu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void Fused_linear_activation_is_bit_identical_to_linear_then_the_activation(string activation)
    {
        manual_seed(10);
        var layer = nn.Linear(40, 24);
        foreach (int batch in new[] { 1, 5, 64 })
        {
            var x = randn(batch, 40) * 3;
            var h = TorchJit.Ir.AtenOps.linear(x, layer.weight, layer.bias);
            var expected = activation switch
            {
                "gelu" => TorchJit.Ir.AtenOps.gelu(h, "none"),
                "gelu_tanh" => TorchJit.Ir.AtenOps.gelu(h, "tanh"),
                "silu" => TorchJit.Ir.AtenOps.silu(h),
                "sigmoid" => TorchJit.Ir.AtenOps.sigmoid(h),
                _ => TorchJit.Ir.AtenOps.tanh(h),
            };
            Assert.True(expected.BitEquals(TorchJit.Ir.AtenOps.linear_activation(x, layer.weight, layer.bias, activation)), $"batch {batch}");
        }
    }

    [Theory]
    [InlineData(new[] { 3, 256 })]
    [InlineData(new[] { 2, 37, 64 })]
    [InlineData(new[] { 1, 5000 })]
    public void Fused_add_layer_norm_is_bit_identical_to_add_then_layer_norm(int[] shape)
    {
        // Rows go through the fused op in blocks of several rows (and one row wider than a block): every
        // blocking must give the bits of the two ops.
        manual_seed(shape.Sum());
        long[] sizes = [.. shape.Select(s => (long)s)];
        var x = randn(sizes);
        var r = randn(sizes) * 10;
        long[] normalized = [sizes[^1]];
        var w = rand(sizes[^1]) + 0.5;
        var b = randn(sizes[^1]);
        var expected = TorchJit.Ir.AtenOps.layer_norm(x + r, normalized, w, b, 1e-5, true);
        Assert.True(expected.BitEquals(TorchJit.Ir.AtenOps.add_layer_norm(x, r, normalized, w, b, 1e-5)));
    }

    [Fact]
    public void The_transformer_layers_residual_tails_fuse_into_their_layer_norms()
    {
        var zoo = TorchJit.Zoo.ModelZoo.Get("transformer");
        var model = zoo.Create();
        model.eval();
        var compiled = Jit.Compile(Jit.Trace(model, zoo.ExampleInput()));
        var graph = compiled.OptimizedGraph.ToString();
        Assert.Equal(2, graph.Split("= torchjit::add_layer_norm(").Length - 1);
        Assert.DoesNotContain("aten::layer_norm", graph);
        Assert.Contains("torchjit::linear_relu", graph); // the feed-forward's first layer
        for (int i = 0; i < 3; i++)
        {
            var x = zoo.ExampleInput();
            Assert.True(model.forward(x).BitEquals(compiled.forward(x)), $"input {i}");
        }
    }

    [Fact]
    public void Every_level_agrees_with_eager_on_a_model_with_duplicates_and_identities()
    {
        var model = new Redundant();
        foreach (var level in new[] { OptLevel.O0, OptLevel.O1, OptLevel.O2 })
        {
            var compiled = Jit.Compile(model, level);
            for (int i = 0; i < 20; i++)
            {
                var x = randn(3, 5);
                Assert.True(model.forward(x).BitEquals(compiled.forward(x)), $"{level}, input {i}");
            }
        }

        // The scripted graph does not know x's dtype (an int tensor times 1 would stay int, but times 1.0 not),
        // so only CSE applies; the trace records Float and the multiplication goes too.
        var scripted = Jit.Compile(model).OptimizedGraph.ToString();
        Assert.Single(scripted.Split('\n'), l => l.Contains("aten::sigmoid", StringComparison.Ordinal));
        Assert.Contains("= prim::FusionGroup_0(", scripted); // what ran above at O2: the compiled sweep
        var traced = Jit.Compile(Jit.Trace(model, randn(3, 5))).OptimizedGraph.ToString();
        Assert.Single(traced.Split('\n'), l => l.Contains("aten::sigmoid", StringComparison.Ordinal));
        Assert.DoesNotContain("aten::mul", traced);
    }

    private static T AsIfTrained<T>(T bn) where T : Modules.BatchNorm
    {
        int c = bn.running_mean.Shape[0];
        bn.running_mean.copy_(randn(c) * 0.3);
        bn.running_var.copy_(rand(c) + 0.5);
        bn.weight!.copy_(rand(c) + 0.5);
        bn.bias!.copy_(randn(c) * 0.3);
        return bn;
    }

    // sigmoid(x) twice (CSE) and a multiplication by one (peephole): the optimized graph keeps one sigmoid, no mul.
    private sealed class Redundant : nn.Module<Tensor, Tensor>
    {
        public Redundant() : base(nameof(Redundant)) { }

        public override Tensor forward(Tensor x) => x.sigmoid() * 1 + x.sigmoid();
    }
}
