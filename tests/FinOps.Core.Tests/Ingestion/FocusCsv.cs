namespace FinOps.Core.Tests.Ingestion;

/// <summary>Builds small FOCUS CSV texts for tests: a minimal valid header plus whatever a test adds.</summary>
public static class FocusCsv
{
    public const string MinimalHeader = "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ProviderName";

    public const string MinimalRow = "2024-09-18 22:00:00,1.25,1.25,USD,Usage,AWS";

    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";
}
