namespace TorchJit.Tests.Ir;

public sealed class PythonLiteralTests
{
    [Theory]
    [InlineData(10.0, "10.")]
    [InlineData(0.5, "0.5")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(123.456, "123.456")]
    [InlineData(0.0, "0.")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void CodeFloatsReadAsPythonRepr(double value, string expected) =>
        Assert.Equal(expected, PythonLiterals.Float(value));

    [Theory]
    [InlineData(0.1, "0.10000000000000001")]
    [InlineData(1.0000000000000001e-05, "1.0000000000000001e-05")]
    [InlineData(10.0, "10.")]
    [InlineData(-0.0, "-0.")]
    [InlineData(0.5, "0.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(1.0 / 3, "0.33333333333333331")]
    [InlineData(2.5e-7, "2.4999999999999999e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(9999999999.0, "9999999999.")]
    [InlineData(1e10, "10000000000")] // whole numbers from 1e10 on go through %.17g, which drops the point
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e17, "1e+17")]
    [InlineData(-1.5e300, "-1.5000000000000001e+300")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NaN, "nan")]
    // IValue::repr, which both the graph printer and the code printer use for float constants.
    public void GraphFloatsUseSeventeenDigits(double value, string expected) =>
        Assert.Equal(expected, PythonLiterals.GraphFloat(value));
}
