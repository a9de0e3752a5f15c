using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

/// <summary>TorchScript's naming rule: a reused name moves the old owner to <c>name.N</c>.</summary>
public sealed class ValueNameTests
{
    [Fact]
    public void ReassigningANameRenamesThePreviousOwner()
    {
        var g = new Graph();
        var a = g.AddInput(TensorType.Any, "x");
        var b = g.AddInput(TensorType.Any, "x");
        var c = g.AddInput(TensorType.Any, "x");

        Assert.Equal("x.1", a.Name);
        Assert.Equal("x.2", b.Name);
        Assert.Equal("x", c.Name);
    }

    [Fact]
    public void ASuffixedNameSharesItsBasesCounter()
    {
        var g = new Graph();
        var a = g.AddInput(TensorType.Any, "x.1");
        var b = g.AddInput(TensorType.Any, "x.1");

        Assert.Equal("x.2", a.Name);
        Assert.Equal("x.1", b.Name);
    }

    [Fact]
    public void NumericNamesAreRefused()
    {
        var g = new Graph();
        Assert.Throws<ArgumentException>(() => g.AddInput(TensorType.Any, "12"));
    }

    [Fact]
    public void UnnamedValuesPrintTheirNumber()
    {
        var g = new Graph();
        var v = g.AddInput(TensorType.Any);
        Assert.Equal(v.Unique.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Name);
    }
}
