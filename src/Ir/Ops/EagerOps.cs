namespace TorchJit.Ir;

/// <summary>The registry entries eager code records, looked up once.</summary>
internal static class EagerOps
{
    public static readonly OpDef AddTensor = OpRegistry.Get("aten::add.Tensor");
    public static readonly OpDef SubTensor = OpRegistry.Get("aten::sub.Tensor");
    public static readonly OpDef RsubScalar = OpRegistry.Get("aten::rsub.Scalar");
    public static readonly OpDef MulTensor = OpRegistry.Get("aten::mul.Tensor");
    public static readonly OpDef DivTensor = OpRegistry.Get("aten::div.Tensor");
    public static readonly OpDef Neg = OpRegistry.Get("aten::neg");
    public static readonly OpDef GtTensor = OpRegistry.Get("aten::gt.Tensor");
    public static readonly OpDef LtTensor = OpRegistry.Get("aten::lt.Tensor");
    public static readonly OpDef GeTensor = OpRegistry.Get("aten::ge.Tensor");
    public static readonly OpDef LeTensor = OpRegistry.Get("aten::le.Tensor");
    public static readonly OpDef EqTensor = OpRegistry.Get("aten::eq.Tensor");
    public static readonly OpDef NeTensor = OpRegistry.Get("aten::ne.Tensor");
    public static readonly OpDef Sum = OpRegistry.Get("aten::sum");
    public static readonly OpDef Relu = OpRegistry.Get("aten::relu");
    public static readonly OpDef Linear = OpRegistry.Get("aten::linear");
    public static readonly OpDef MatMul = OpRegistry.Get("aten::matmul");
    public static readonly OpDef Bool = OpRegistry.Get("aten::Bool.Tensor");
    public static readonly OpDef Item = OpRegistry.Get("aten::item");
}
