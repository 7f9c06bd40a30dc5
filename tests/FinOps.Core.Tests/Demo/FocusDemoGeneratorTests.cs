using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FinOps.Demo;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Core.Tests.Demo;

public sealed class FocusDemoGeneratorTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    // FOCUS 1.2 columns whose feature level is Mandatory (FOCUS_Spec v1.2, specification/columns).
    private static readonly string[] MandatoryColumns =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost",
        "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName",
    ];

    // Mandatory columns that FOCUS 1.2 says must never be null.
    private static readonly string[] NeverNullColumns =
    [
        "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
        "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost",
        "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
    ];

    private IReadOnlyList<Dictionary<string, string?>> Rows => fixture.Csv.Rows;

    private static byte[] Generate(DemoDataOptions options)
    {
        using var stream = new MemoryStream();
        new FocusDemoGenerator().Write(stream, options, CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public void Write_SameOptionsTwice_ByteIdenticalOutput()
    {
        var options = new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = 15_000, Months = 4 };

        var first = SHA256.HashData(Generate(options));
        var second = SHA256.HashData(Generate(options));
        var otherSeed = SHA256.HashData(Generate(options with { Seed = options.Seed + 1 }));

        Assert.Equal(Convert.ToHexString(first), Convert.ToHexString(second));
        Assert.NotEqual(Convert.ToHexString(first), Convert.ToHexString(otherSeed));
    }

    [Fact]
    public void Write_AnyCurrentCulture_SameBytes()
    {
        var options = new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = 5_000, Months = 2 };
        var invariant = Generate(options);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, Generate(options));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_TargetRows_RowCountWithinThreePercent()
    {
        Assert.InRange(Rows.Count, 40_000 * 0.97, 40_000 * 1.03);
        Assert.Equal(Rows.Count, fixture.Result.RowCount);

        var quarter = new DemoCsv(Generate(new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = 20_000, Months = 3 }));
        Assert.InRange(quarter.Rows.Count, 20_000 * 0.97, 20_000 * 1.03);
    }

    [Fact]
    public void Write_Header_HasEveryMandatoryFocus12ColumnAndExtensions()
    {
        foreach (var column in MandatoryColumns)
        {
            Assert.Contains(column, fixture.Csv.Header);
        }

        Assert.Equal(FocusDemoColumns.Names, fixture.Csv.Header);
        Assert.Contains(fixture.Csv.Header, c => c.StartsWith("x_", StringComparison.Ordinal));
        foreach (var row in Rows)
        {
            foreach (var column in NeverNullColumns)
            {
                Assert.False(row[column] is null, $"{column} is null in a {row["ChargeCategory"]} row of {row["ServiceName"]}");
            }
        }
    }

    [Fact]
    public void Write_EndDate_EndsTheDayBeforeAndSpansThirteenMonths()
    {
        var days = Rows.Select(r => DemoCsv.Day(r)).ToArray();
        var ends = Rows.Select(r => DemoCsv.Day(r, "ChargePeriodEnd")).ToArray();

        Assert.Equal(new DateOnly(2025, 11, 1), days.Min());
        Assert.Equal(new DateOnly(2026, 11, 22), days.Max());
        Assert.Equal(new DateOnly(2026, 11, 23), ends.Max());
        Assert.Equal(13, days.Select(d => (d.Year, d.Month)).Distinct().Count());
        Assert.Equal(new DateOnly(2025, 11, 1), fixture.Result.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 22), fixture.Result.LastDay);
    }

    [Fact]
    public void Write_Timestamps_UseIsoUtcFormat()
    {
        var format = new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var row in Rows.Take(5_000))
        {
            Assert.Matches(format, row["ChargePeriodStart"]!);
            Assert.Matches(format, row["ChargePeriodEnd"]!);
            Assert.Matches(format, row["BillingPeriodStart"]!);
            Assert.Matches(format, row["BillingPeriodEnd"]!);
        }
    }

    [Fact]
    public void Write_Default_HasEveryProviderMajorCategoryAndTeam()
    {
        var providers = Rows.Select(r => r["ProviderName"]).Distinct().ToHashSet();
        Assert.Equal(new HashSet<string?> { "AWS", "Microsoft", "Google Cloud", "Oracle" }, providers);

        var categories = Rows.Select(r => r["ServiceCategory"]).Distinct().ToHashSet();
        foreach (var category in new[]
                 {
                     "Compute", "Storage", "Databases", "Networking", "Analytics", "AI and Machine Learning",
                     "Management and Governance", "Security", "Integration", "Identity", "Developer Tools", "Web", "Mobile",
                 })
        {
            Assert.Contains(category, categories);
        }

        var teams = Rows.Select(TeamOf).Where(t => t is not null).Distinct().ToHashSet();
        foreach (var team in DemoOrganization.Default.Teams)
        {
            Assert.Contains(team.Key, teams);
        }

        foreach (var service in new[]
                 {
                     "Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "Amazon Relational Database Service",
                     "AWS Lambda", "Amazon CloudFront", "Amazon Elastic Kubernetes Service", "Amazon DynamoDB",
                     "Azure Virtual Machines", "Azure Kubernetes Service", "Azure SQL Database", "Storage Accounts",
                     "Compute Engine", "BigQuery", "Cloud Storage", "Vertex AI", "OCI Compute",
                 })
        {
            Assert.Contains(Rows, r => r["ServiceName"] == service);
        }
    }

    [Fact]
    public void Write_ResourceIds_UseEachProvidersFormat()
    {
        Assert.Contains(Rows, r => r["ResourceId"] is { } id && id.StartsWith("arn:aws:ec2:", StringComparison.Ordinal) && id.Contains(":instance/i-0", StringComparison.Ordinal));
        Assert.Contains(Rows, r => r["ResourceId"] is { } id && id.StartsWith("/subscriptions/", StringComparison.Ordinal) && id.Contains("/resourceGroups/rg-", StringComparison.Ordinal) && id.Contains("/providers/Microsoft.Compute/virtualMachines/", StringComparison.Ordinal));
        Assert.Contains(Rows, r => r["ResourceId"] is { } id && id.StartsWith("//compute.googleapis.com/projects/", StringComparison.Ordinal));
        Assert.Contains(Rows, r => r["ResourceId"] is { } id && id.StartsWith("ocid1.instance.oc1.", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SavingsPlans_PurchaseAmortisedIntoCoveredAndUnusedUsage()
    {
        var purchases = Rows.Where(r => r["ChargeCategory"] == "Purchase").ToArray();
        var covered = Rows.Where(r => r["ChargeCategory"] == "Usage" && r["CommitmentDiscountStatus"] == "Used").ToArray();
        var unused = Rows.Where(r => r["CommitmentDiscountStatus"] == "Unused").ToArray();

        Assert.NotEmpty(purchases);
        Assert.NotEmpty(covered);
        Assert.NotEmpty(unused);
        Assert.All(purchases, r =>
        {
            Assert.True(DemoCsv.Money(r, "BilledCost") > 0);
            Assert.Equal(0m, DemoCsv.Money(r, "EffectiveCost"));
            Assert.NotNull(r["CommitmentDiscountId"]);
        });
        Assert.All(covered, r =>
        {
            Assert.Equal(0m, DemoCsv.Money(r, "BilledCost"));
            Assert.True(DemoCsv.Money(r, "EffectiveCost") > 0);
            Assert.Equal("Committed", r["PricingCategory"]);
            Assert.NotNull(r["CommitmentDiscountId"]);
        });
        Assert.All(unused, r =>
        {
            Assert.Equal(0m, DemoCsv.Money(r, "BilledCost"));
            Assert.True(DemoCsv.Money(r, "EffectiveCost") > 0);
        });

        // FOCUS: per commitment, usage EffectiveCost equals purchase BilledCost (here: per billing period too).
        var bought = purchases.GroupBy(r => (r["CommitmentDiscountId"], r["BillingPeriodStart"]))
            .ToDictionary(g => g.Key, g => g.Sum(r => DemoCsv.Money(r, "BilledCost")));
        var used = Rows.Where(r => r["ChargeCategory"] == "Usage" && r["CommitmentDiscountId"] is not null)
            .GroupBy(r => (r["CommitmentDiscountId"], r["BillingPeriodStart"]))
            .ToDictionary(g => g.Key, g => g.Sum(r => DemoCsv.Money(r, "EffectiveCost")));
        Assert.Equal(bought.Count, used.Count);
        foreach (var (key, amount) in bought)
        {
            Assert.Equal(amount, used[key]);
        }
    }

    [Fact]
    public void Write_CreditsAndTaxes_FollowFocusSignConventions()
    {
        var credits = Rows.Where(r => r["ChargeCategory"] == "Credit").ToArray();
        var taxes = Rows.Where(r => r["ChargeCategory"] == "Tax").ToArray();

        Assert.NotEmpty(credits);
        Assert.All(credits, r =>
        {
            Assert.True(DemoCsv.Money(r, "BilledCost") < 0);
            Assert.Equal(DemoCsv.Money(r, "BilledCost"), DemoCsv.Money(r, "EffectiveCost"));
        });
        Assert.NotEmpty(taxes);
        Assert.All(taxes, r =>
        {
            Assert.True(DemoCsv.Money(r, "BilledCost") > 0);
            Assert.Null(r["PricingCategory"]);
        });
    }

    [Fact]
    public void Write_UsageRows_ListAtLeastContractedAtLeastEffective()
    {
        foreach (var row in Rows.Where(r => r["ChargeCategory"] == "Usage"))
        {
            var list = DemoCsv.Money(row, "ListCost");
            var contracted = DemoCsv.Money(row, "ContractedCost");
            var effective = DemoCsv.Money(row, "EffectiveCost");
            Assert.True(list >= contracted && contracted >= effective, $"{list} >= {contracted} >= {effective} for {row["ResourceId"]}");
        }
    }

    [Fact]
    public void Write_Tags_AreMessyLikeRealExports()
    {
        var keys = Rows.SelectMany(r => DemoCsv.TagsOf(r).Keys).Distinct().ToHashSet();
        var teamValues = Rows.Select(r => DemoCsv.TagsOf(r)).SelectMany(t => t.Values).Distinct().ToHashSet();

        Assert.Contains(Rows, r => r["Tags"] is null && r["ChargeCategory"] == "Usage" && r["SubAccountName"] is "workloads-staging" or "workloads-dev" or "nonprod" or "payments-prod" or "checkout-prod" or "search-prod" or "data-prod" or "ml-prod" or "identity-prod" or "mobile-prod" or "growth-prod" or "platform-prod" or "acme-data-prod" or "acme-ml-prod");
        foreach (var key in new[] { "team", "Team", " team", "owner-team", "env", "Environment" })
        {
            Assert.Contains(key, keys);
        }

        foreach (var value in new[] { "payments", "Payments", "payments-team", "prod", "staging", "dev" })
        {
            Assert.Contains(value, teamValues);
        }
    }

    [Fact]
    public void Write_Currencies_EuroOnlyInTheEuroBillingAccount()
    {
        var euro = Rows.Where(r => r["BillingCurrency"] == "EUR").ToArray();

        Assert.NotEmpty(euro);
        Assert.All(euro, r => Assert.Equal(DemoOrganization.EuroBillingAccountId, r["BillingAccountId"]));
        Assert.All(Rows.Where(r => r["BillingAccountId"] != DemoOrganization.EuroBillingAccountId), r => Assert.Equal("USD", r["BillingCurrency"]));
    }

    [Fact]
    public void Write_Anomalies_StandOutAboveTheTeamServiceMedian()
    {
        var anomalies = fixture.Result.Anomalies;
        Assert.True(anomalies.Count >= 4);
        Assert.Equal(anomalies, new FocusDemoGenerator().GetAnomalies(fixture.Options));
        foreach (var anomaly in anomalies)
        {
            var daily = Rows
                .Where(r => r["ChargeCategory"] == "Usage" && r["ServiceName"] == anomaly.ServiceName && TeamOf(r) == anomaly.TeamKey)
                .GroupBy(r => DemoCsv.Day(r))
                .ToDictionary(g => g.Key, g => g.Sum(r => DemoCsv.Money(r, "EffectiveCost")));
            var values = daily.Values.Order().ToArray();
            var median = values[values.Length / 2];
            for (var day = anomaly.Start; day < anomaly.End; day = day.AddDays(1))
            {
                Assert.True(daily[day] > median * 2, $"{anomaly.Key} on {day}: {daily[day]} vs median {median}");
            }

            var extra = Rows.Where(r => r["ResourceId"] == anomaly.ResourceId).Sum(r => DemoCsv.Money(r, "EffectiveCost"));
            Assert.Equal(anomaly.ExtraCost, extra);
            Assert.True(anomaly.Start >= fixture.Result.FirstDay && anomaly.End <= DemoDataFixture.EndDate);
        }
    }

    [Fact]
    public void Write_DailyTotals_WeekdaysAboveWeekendsAndGrowing()
    {
        var daily = Rows.Where(r => r["ChargeCategory"] == "Usage" && r["BillingCurrency"] == "USD")
            .GroupBy(r => DemoCsv.Day(r))
            .ToDictionary(g => g.Key, g => g.Sum(r => DemoCsv.Money(r, "EffectiveCost")));
        var weekdays = daily.Where(d => d.Key.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(d => d.Value);
        var weekends = daily.Where(d => d.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(d => d.Value);
        var firstMonth = daily.Where(d => d.Key.Month == 11 && d.Key.Year == 2025).Average(d => d.Value);
        var lastFullMonth = daily.Where(d => d.Key.Month == 10 && d.Key.Year == 2026).Average(d => d.Value);

        Assert.True(weekdays > weekends * 1.1m, $"weekday {weekdays} weekend {weekends}");
        Assert.True(lastFullMonth > firstMonth * 1.1m, $"first {firstMonth} last {lastFullMonth}");
    }

    [Fact]
    public void WriteFile_GzName_WritesGzipOfTheSameBytes()
    {
        var options = new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = 3_000, Months = 2 };
        var directory = Directory.CreateTempSubdirectory("demo-data-");
        try
        {
            var plain = Path.Combine(directory.FullName, "demo.csv");
            var gz = Path.Combine(directory.FullName, "demo.csv.gz");
            new FocusDemoGenerator().WriteFile(plain, options, CancellationToken.None);
            new FocusDemoGenerator().WriteFile(gz, options, CancellationToken.None);

            using var unzip = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            unzip.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(plain), copy.ToArray());
            Assert.Equal(Generate(options), copy.ToArray());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Write_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var options = new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = 3_000 };

        Assert.ThrowsAny<OperationCanceledException>(() => new FocusDemoGenerator().Write(Stream.Null, options, cts.Token));
    }

    [Theory]
    [InlineData(0, 13)]
    [InlineData(999, 13)]
    [InlineData(50_000, 0)]
    public void Write_InvalidOptions_ThrowsArgumentOutOfRange(int rows, int months)
    {
        var options = new DemoDataOptions { EndDate = DemoDataFixture.EndDate, TargetRows = rows, Months = months };

        Assert.Throws<ArgumentOutOfRangeException>(() => new FocusDemoGenerator().Write(Stream.Null, options, CancellationToken.None));
    }

    [Fact]
    public void EndingToday_FakeClock_EndsAtTodaysDate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 5, 23, 30, 0, TimeSpan.Zero));

        var options = DemoDataOptions.EndingToday(clock);

        Assert.Equal(new DateOnly(2026, 3, 5), options.EndDate);
    }

    // Team of a row the way the default allocation rules would see it: a team tag (any key variant, any
    // value variant), else the owning account.
    private static string? TeamOf(Dictionary<string, string?> row)
    {
        foreach (var (key, value) in DemoCsv.TagsOf(row))
        {
            var normalisedKey = key.Trim().ToLowerInvariant();
            if (normalisedKey is "team" or "owner-team")
            {
                var team = DemoOrganization.Default.Teams.FirstOrDefault(t => t.TagValueVariants.Contains(value));
                if (team is not null)
                {
                    return team.Key;
                }
            }
        }

        return row["SubAccountId"] is { } id ? DemoOrganization.Default.FindAccount(id)?.TeamKey : null;
    }
}
