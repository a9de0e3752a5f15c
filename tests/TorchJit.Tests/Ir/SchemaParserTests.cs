using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

public sealed class SchemaParserTests
{
    [Fact]
    public void ParsesOverloadKwargOnlyAndDefaults()
    {
        var s = OpSchema.Parse("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor");

        Assert.Equal("aten::add", s.Kind);
        Assert.Equal("aten::add.Tensor", s.QualifiedName);
        Assert.Equal(["self", "other", "alpha"], s.Arguments.Select(a => a.Name));
        Assert.False(s.Arguments[1].KwargOnly);
        Assert.True(s.Arguments[2].KwargOnly);
        Assert.Equal(1L, s.Arguments[2].Default);
        Assert.IsType<NumberType>(s.Arguments[2].Type);
        Assert.IsType<TensorType>(Assert.Single(s.Returns).Type);
    }

    [Fact]
    public void ParsesOptionalListsAndTupleReturns()
    {
        var s = OpSchema.Parse("aten::max.dim(Tensor self, int dim, bool keepdim=False, int[1]? size=None) -> (Tensor values, Tensor indices)");

        Assert.Equal(false, s.Arguments[2].Default);
        Assert.Equal("int[]?", s.Arguments[3].Type.ToString());
        Assert.Null(s.Arguments[3].Default);
        Assert.Equal(["values", "indices"], s.Returns.Select(r => r.Name));
    }

    [Theory]
    [InlineData("add(Tensor self) -> Tensor", "namespace::name")]
    [InlineData("aten::add(Tensor self -> Tensor", "expected")]
    [InlineData("aten::add(Foo self) -> Tensor", "unknown type 'Foo'")]
    public void BadSchemasNameTheProblem(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => OpSchema.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EveryRegisteredOpHasAnImplementationMatchingItsSchema()
    {
        Assert.NotEmpty(OpRegistry.All);
        foreach (var op in OpRegistry.All)
            Assert.Equal(op.Schema.Arguments.Count, op.Implementation.GetParameters().Length);
    }
}
