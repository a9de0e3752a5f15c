using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests;

/// <summary>The scriptable test models, each compiled without and with optimization (Debug- and Release-shaped IL).</summary>
public static class TestModels
{
    public static readonly Dictionary<string, Func<torch.nn.Module<Tensor, Tensor>>> Scriptable = new()
    {
        ["cond/debug"] = () => new Unopt.CondModel(),
        ["cond/release"] = () => new Opt.CondModel(),
        ["join/debug"] = () => new Unopt.JoinModel(),
        ["join/release"] = () => new Opt.JoinModel(),
        ["ternary/debug"] = () => new Unopt.TernaryModel(),
        ["ternary/release"] = () => new Opt.TernaryModel(),
        ["nested-return/debug"] = () => new Unopt.NestedReturnModel(),
        ["nested-return/release"] = () => new Opt.NestedReturnModel(),
        ["two-layer/debug"] = () => new Unopt.TwoLayerModel(),
        ["two-layer/release"] = () => new Opt.TwoLayerModel(),
        ["two-layer-eval/release"] = () => { var m = new Opt.TwoLayerModel(); m.eval(); return m; },
        ["module-list/debug"] = () => new Unopt.ModuleListModel(),
        ["module-list/release"] = () => new Opt.ModuleListModel(),
        ["containers-eval/debug"] = () => { var m = new Unopt.ContainerModel(); m.eval(); return m; },
        ["containers-eval/release"] = () => { var m = new Opt.ContainerModel(); m.eval(); return m; },
        ["mlp/zoo"] = Zoo.ModelZoo.Mlp,
        ["cond/zoo"] = () => new Zoo.CondModel(),
    };

    public static TheoryData<string> Names => [.. Scriptable.Keys];

    /// <summary>Random inputs whose sums fall on both sides of every branch of the models above.</summary>
    public static IEnumerable<Tensor> Inputs(string name, int count)
    {
        var rng = new Random(name.Sum(c => c));
        int[] shape = name.StartsWith("mlp", StringComparison.Ordinal) ? [1, 784] : name.StartsWith("containers", StringComparison.Ordinal) ? [2, 6] : name.StartsWith("two-layer", StringComparison.Ordinal) || name.StartsWith("module-list", StringComparison.Ordinal) ? [2, 4] : [2, 3];
        for (int i = 0; i < count; i++)
        {
            // Scales from 0.1 to 8 and offsets around zero put x.sum() below 0, between 0 and 10, and above 10.
            float scale = (float)(0.1 + (8 * rng.NextDouble()));
            float offset = (float)((rng.NextDouble() * 2) - 0.8);
            var data = new float[shape[0] * shape[1]];
            for (int j = 0; j < data.Length; j++) data[j] = (float)(rng.NextDouble() + offset) * scale;
            yield return Tensor.FromArray(data, shape);
        }
    }
}
