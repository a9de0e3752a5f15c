using TorchJit.Ir;

namespace TorchJit;

/// <summary>Holder of <c>torch.nn</c>.</summary>
public static partial class torch
{
    /// <summary>Modules and <c>functional</c>, as TorchSharp's <c>torch.nn</c>.</summary>
    public static partial class nn
    {
        /// <summary>Stateless layer functions (<c>torch.nn.functional</c>).</summary>
        public static partial class functional
        {
            /// <summary><c>input @ weight.T + bias</c>.</summary>
            [Op("aten::linear")]
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                Dispatch.Record(EagerOpDefs.Linear, AtenOps.linear(input, weight, bias), input, weight, bias);

            /// <summary><c>max(x, 0)</c>.</summary>
            [Op("aten::relu")]
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>Inverted dropout when <paramref name="training"/>, else the identity.</summary>
            [Op("aten::dropout")]
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) =>
                Dispatch.Record(EagerOpDefs.Dropout, AtenOps.dropout(input, p, training), input, p, training);
        }
    }
}

/// <summary>Registry entries the eager functions here record.</summary>
internal static class EagerOpDefs
{
    public static readonly OpDef Linear = OpRegistry.Get("aten::linear");
    public static readonly OpDef Dropout = OpRegistry.Get("aten::dropout");
}
