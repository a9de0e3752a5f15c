using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests.Corpus;

/// <summary>
/// The scripting corpus: every model class of tests/Models that scripting must keep, built from its
/// Debug-shaped (unoptimized) or Release-shaped (optimized) compilation, with the input shape it takes and
/// whether tracing can record it (no tensor data read into C# values) or must warn.
/// </summary>
public static class ModelCorpus
{
    /// <summary>One corpus model.</summary>
    /// <param name="Name">The entry name (the class name, plus the mode when it matters).</param>
    /// <param name="Class">The class name in tests/Models.</param>
    /// <param name="Shape">The input shape.</param>
    /// <param name="Traceable">True when tracing reads no tensor data into C# values, so a trace equals eager on same-shaped inputs.</param>
    /// <param name="Training">The module's mode (false: eval).</param>
    public sealed record Entry(string Name, string Class, int[] Shape, bool Traceable, bool Training = false);

    private static readonly int[] Row3 = [2, 3];
    private static readonly int[] Row4 = [2, 4];

    public static readonly IReadOnlyList<Entry> All =
    [
        // Branches and early returns.
        new(nameof(Unopt.CondModel), nameof(Unopt.CondModel), Row3, false),
        new(nameof(Unopt.JoinModel), nameof(Unopt.JoinModel), Row3, false),
        new(nameof(Unopt.TernaryModel), nameof(Unopt.TernaryModel), Row3, false),
        new(nameof(Unopt.NestedReturnModel), nameof(Unopt.NestedReturnModel), Row3, false),
        new(nameof(Unopt.TwoLayerModel), nameof(Unopt.TwoLayerModel), Row4, true),
        new(nameof(Unopt.ModuleListModel), nameof(Unopt.ModuleListModel), Row4, false),
        new(nameof(Unopt.ContainerModel), nameof(Unopt.ContainerModel), [2, 6], true),

        // Loops.
        new(nameof(Unopt.ForLoopModel), nameof(Unopt.ForLoopModel), Row3, true),
        new(nameof(Unopt.WhileModel), nameof(Unopt.WhileModel), Row3, false),
        new(nameof(Unopt.DoWhileModel), nameof(Unopt.DoWhileModel), Row3, false),
        new(nameof(Unopt.BreakContinueModel), nameof(Unopt.BreakContinueModel), Row3, false),
        new(nameof(Unopt.ReturnInLoopModel), nameof(Unopt.ReturnInLoopModel), Row3, false),
        new(nameof(Unopt.NestedLoopsModel), nameof(Unopt.NestedLoopsModel), Row3, false),
        new(nameof(Unopt.WhileTrueModel), nameof(Unopt.WhileTrueModel), Row3, false),
        new(nameof(Unopt.ShapeLoopModel), nameof(Unopt.ShapeLoopModel), [4, 3], true),
        new(nameof(Unopt.LoopWithIfModel), nameof(Unopt.LoopWithIfModel), Row3, false),
        new(nameof(Unopt.IfWithLoopModel), nameof(Unopt.IfWithLoopModel), Row3, false),
        new(nameof(Unopt.CountdownModel), nameof(Unopt.CountdownModel), Row3, true),
        new(nameof(Unopt.DataTripCountModel), nameof(Unopt.DataTripCountModel), Row3, false),
        new(nameof(Unopt.ReturnFromNestedLoopsModel), nameof(Unopt.ReturnFromNestedLoopsModel), Row3, false),
        new(nameof(Unopt.LoopCarriedScalarsModel), nameof(Unopt.LoopCarriedScalarsModel), Row3, false),
        new(nameof(Unopt.ContinueInWhileModel), nameof(Unopt.ContinueInWhileModel), Row3, false),
        new(nameof(Unopt.EarlyReturnChainModel), nameof(Unopt.EarlyReturnChainModel), Row3, false),

        // Numbers.
        new(nameof(Unopt.ScalarArithmeticModel), nameof(Unopt.ScalarArithmeticModel), Row3, false),
        new(nameof(Unopt.IntDivModModel), nameof(Unopt.IntDivModModel), Row3, false),
        new(nameof(Unopt.FloatMathModel), nameof(Unopt.FloatMathModel), Row3, false),
        new(nameof(Unopt.BoolLogicModel), nameof(Unopt.BoolLogicModel), Row3, false),
        new(nameof(Unopt.ShortCircuitModel), nameof(Unopt.ShortCircuitModel), Row3, false),
        new(nameof(Unopt.TernaryScalarsModel), nameof(Unopt.TernaryScalarsModel), Row3, false),
        new(nameof(Unopt.SwitchModel), nameof(Unopt.SwitchModel), Row3, false),
        new(nameof(Unopt.ArgmaxCountModel), nameof(Unopt.ArgmaxCountModel), [4, 3], false),

        // Helpers, tuples, optionals.
        new(nameof(Unopt.InstanceHelperModel), nameof(Unopt.InstanceHelperModel), Row3, false),
        new(nameof(Unopt.StaticHelperModel), nameof(Unopt.StaticHelperModel), Row3, true),
        new(nameof(Unopt.TupleOutModel), nameof(Unopt.TupleOutModel), Row3, true),
        new(nameof(Unopt.TupleInModel), nameof(Unopt.TupleInModel), Row3, false),
        new(nameof(Unopt.TupleSubmoduleOutModel), nameof(Unopt.TupleSubmoduleOutModel), Row3, false),
        new(nameof(Unopt.MaxDimModel), nameof(Unopt.MaxDimModel), Row3, true),
        new(nameof(Unopt.OptionalArgModel), nameof(Unopt.OptionalArgModel), Row3, true),
        new(nameof(Unopt.OverloadModel), nameof(Unopt.OverloadModel), Row3, true),
        new(nameof(Unopt.VirtualHelperModel), nameof(Unopt.VirtualHelperModel), Row3, false),

        // Modules and attributes.
        new(nameof(Unopt.AttributesModel), nameof(Unopt.AttributesModel), Row3, true),
        new(nameof(Unopt.TrainingBranchModel) + "/eval", nameof(Unopt.TrainingBranchModel), Row4, true),
        new(nameof(Unopt.TrainingBranchModel) + "/train", nameof(Unopt.TrainingBranchModel), Row4, false, Training: true),
        new(nameof(Unopt.SequentialModel), nameof(Unopt.SequentialModel), Row4, false),
        new(nameof(Unopt.ModuleListCounterModel), nameof(Unopt.ModuleListCounterModel), Row4, true),
        new(nameof(Unopt.NestedModulesModel), nameof(Unopt.NestedModulesModel), Row4, false),
        new(nameof(Unopt.LoopSubmoduleModel), nameof(Unopt.LoopSubmoduleModel), Row4, false),
        new(nameof(Unopt.ExportModel), nameof(Unopt.ExportModel), Row4, true),

        // Zoo-like.
        new(nameof(Unopt.SmallCnnModel), nameof(Unopt.SmallCnnModel), [2, 1, 8, 8], false),
        new(nameof(Unopt.TransformerBlockModel), nameof(Unopt.TransformerBlockModel), [2, 3, 8], true),
        new(nameof(Unopt.RnnModel), nameof(Unopt.RnnModel), [2, 4, 3], true),
        new(nameof(Unopt.EncoderLayerModel), nameof(Unopt.EncoderLayerModel), [2, 3, 8], true),
        new(nameof(Unopt.PreNormEncoderLayerModel), nameof(Unopt.PreNormEncoderLayerModel), [3, 2, 8], true),
        new(nameof(Unopt.MaskedAttentionModel), nameof(Unopt.MaskedAttentionModel), [2, 3, 8], true),
    ];

    /// <summary>Every entry in both builds: (entry name, optimized).</summary>
    public static TheoryData<string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var e in All)
            {
                data.Add(e.Name, false);
                data.Add(e.Name, true);
            }

            return data;
        }
    }

    public static Entry Get(string name) => All.Single(e => e.Name == name);

    /// <summary>A fresh model of the entry, from the Debug- or Release-shaped compilation, in the entry's mode.</summary>
    public static torch.nn.Module<Tensor, Tensor> Create(Entry entry, bool optimized)
    {
        var anchor = optimized ? typeof(Models.Optimized.CondModel) : typeof(Unopt.CondModel);
        var type = anchor.Assembly.GetType($"{anchor.Namespace}.{entry.Class}", throwOnError: true)!;
        var model = (torch.nn.Module<Tensor, Tensor>)Activator.CreateInstance(type)!;
        model.train(entry.Training);
        return model;
    }

    /// <summary>
    /// Seeded inputs: all zeros, all fives, then random values whose scale (0.1 to 8) and offset (around
    /// zero) vary per input, so sums land below zero, near the small thresholds and far above them.
    /// </summary>
    public static IReadOnlyList<Tensor> Inputs(Entry entry, int count)
    {
        var rng = new Random(entry.Name.Sum(c => c));
        int n = entry.Shape.Aggregate(1, (a, b) => a * b);
        var inputs = new List<Tensor> { Tensor.FromArray(new float[n], entry.Shape), Tensor.FromArray(Enumerable.Repeat(5f, n).ToArray(), entry.Shape) };
        while (inputs.Count < count)
        {
            float scale = (float)(0.1 + (8 * rng.NextDouble()));
            float offset = (float)((rng.NextDouble() * 2) - 0.8);
            var data = new float[n];
            for (int j = 0; j < n; j++) data[j] = ((float)rng.NextDouble() - 0.5f + offset) * scale;
            inputs.Add(Tensor.FromArray(data, entry.Shape));
        }

        return inputs;
    }
}
