using System.Globalization;
using FinOps.Conversation.Cards;
using FinOps.Conversation.Rendering;

namespace FinOps.Conversation.Tests.Rendering;

public sealed class MoneyFormatterTests
{
    private static readonly MoneyFormatter EnUs = MoneyFormatter.EnglishUnitedStates;
    private static readonly MoneyFormatter DeDe = new(CultureInfo.GetCultureInfo("de-DE"));

    [Theory]
    [InlineData(6880.66, "USD", "$6,880.66")]
    [InlineData(-12.5, "USD", "-$12.50")]
    [InlineData(0, "USD", "$0.00")]
    [InlineData(0.0042, "USD", "$0.0042")]
    [InlineData(0.00001, "USD", "<$0.0001")]
    [InlineData(1234.5, "EUR", "€1,234.50")]
    [InlineData(1234.5, "GBP", "£1,234.50")]
    [InlineData(1234.5, "CAD", "CAD\u00a01,234.50")]
    [InlineData(1234.5, "JPY", "¥1,235")]
    [InlineData(10, "usd", "$10.00")]
    public void Format_EnglishUnitedStates_KeepsCurrency(decimal amount, string currency, string expected)
    {
        Assert.Equal(expected, EnUs.Format(new Money(amount, currency)));
    }

    [Theory]
    [InlineData(6880.66, "EUR", "6.880,66 €")]
    [InlineData(6880.66, "USD", "6.880,66 $")]
    [InlineData(6880.66, "CHF", "CHF 6.880,66")]
    public void Format_German_UsesGermanSeparators(decimal amount, string currency, string expected)
    {
        Assert.Equal(expected, DeDe.Format(new Money(amount, currency)).Replace('\u00a0', ' '));
    }

    [Theory]
    [InlineData(1_234_567, "$1.2M")]
    [InlineData(6_880.66, "$6.9K")]
    [InlineData(999_999, "$1M")]
    [InlineData(999_499, "$999K")]
    [InlineData(99_960, "$100K")]
    [InlineData(123_456, "$123K")]
    [InlineData(2_000_000, "$2M")]
    [InlineData(12_300_000_000, "$12.3B")]
    [InlineData(980.4, "$980")]
    [InlineData(6.884, "$6.88")]
    [InlineData(-1_500, "-$1.5K")]
    public void FormatCompact_EnglishUnitedStates_ShortensWithSuffix(decimal amount, string expected)
    {
        Assert.Equal(expected, EnUs.FormatCompact(new Money(amount, "USD")));
    }

    [Fact]
    public void FormatCompact_German_PutsSuffixBeforeTrailingSymbol()
    {
        Assert.Equal("1,2M €", DeDe.FormatCompact(new Money(1_234_567m, "EUR")).Replace('\u00a0', ' '));
    }

    [Fact]
    public void FormatDelta_Increase_HasUpArrowPlusAndPercentage()
    {
        var delta = Delta.Between(new Money(6880.66m, "USD"), new Money(6468.33m, "USD"));

        Assert.Equal("▲ +$412.33 (+6.4%)", EnUs.FormatDelta(delta));
        Assert.Equal("▲ +$412 (+6.4%)", EnUs.FormatDelta(delta, compact: true));
    }

    [Fact]
    public void FormatDelta_Decrease_HasDownArrowMinusAndPercentage()
    {
        var delta = Delta.Between(new Money(97m, "USD"), new Money(100m, "USD"));

        Assert.Equal("▼ -$3.00 (-3.0%)", EnUs.FormatDelta(delta));
    }

    [Fact]
    public void FormatDelta_FromZero_SaysNew()
    {
        var delta = Delta.Between(new Money(50m, "USD"), new Money(0m, "USD"));

        Assert.Equal("▲ +$50.00 (new)", EnUs.FormatDelta(delta));
    }

    [Fact]
    public void FormatDelta_NoChange_SaysSo()
    {
        Assert.Equal("no change", EnUs.FormatDelta(new Delta(new Money(0m, "USD"), 0m)));
    }

    [Theory]
    [InlineData(0.064, "+6.4%")]
    [InlineData(-0.031, "-3.1%")]
    [InlineData(12.5, "+1,250%")]
    public void FormatRatio_Value_HasSign(decimal ratio, string expected)
    {
        Assert.Equal(expected, EnUs.FormatRatio(ratio));
    }

    [Theory]
    [InlineData(0.4535, "45.4%")]
    [InlineData(0.0004, "<0.1%")]
    [InlineData(1, "100.0%")]
    public void FormatShare_Value_IsPercentage(decimal share, string expected)
    {
        Assert.Equal(expected, EnUs.FormatShare(share));
    }
}
