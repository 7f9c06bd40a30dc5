using FinOps.Bot.Hosting;
using FinOps.Bot.Playground;
using FinOps.Bot.Scheduling;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Visibility;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using FinOps.Slack;
using FinOps.Storage;
using FinOps.Storage.Allocation;
using FinOps.Storage.Queue;
using FinOps.Teams;
using Microsoft.Extensions.Configuration;

namespace FinOps.Bot.Tests;

/// <summary>appsettings.example.json documents real settings: it parses, and every key it shows binds to an option property.</summary>
public sealed class ExampleSettingsTests
{
    private static IConfigurationRoot Example()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.example.json");
        return new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
    }

    public static TheoryData<string, Type> Sections => new()
    {
        { StorageOptions.SectionName, typeof(StorageOptions) },
        { QueueRetentionOptions.SectionName, typeof(QueueRetentionOptions) },
        { FinOps.Bot.Scheduling.SchedulerClusterOptions.SectionName, typeof(FinOps.Bot.Scheduling.SchedulerClusterOptions) },
        { FinOps.Storage.Ingestion.IngestionOptions.SectionName, typeof(FinOps.Storage.Ingestion.IngestionOptions) },
        { DemoSeedOptions.SectionName, typeof(DemoSeedOptions) },
        { AllocationOptions.SectionName, typeof(AllocationOptions) },
        { FinOps.Storage.Metrics.BusinessMetricsOptions.SectionName, typeof(FinOps.Storage.Metrics.BusinessMetricsOptions) },
        { DigestOptions.SectionName, typeof(DigestOptions) },
        { FinOps.Core.Budgets.BudgetOptions.SectionName, typeof(FinOps.Core.Budgets.BudgetOptions) },
        { DirectoryOptions.SectionName, typeof(DirectoryOptions) },
        { VisibilityOptions.SectionName, typeof(VisibilityOptions) },
        { CalendarOptions.SectionName, typeof(CalendarOptions) },
        { FinOps.Core.Anomalies.AnomalyOptions.SectionName, typeof(FinOps.Core.Anomalies.AnomalyOptions) },
        { AnomalyAlertOptions.SectionName, typeof(AnomalyAlertOptions) },
        { ConversationOptions.SectionName, typeof(ConversationOptions) },
        { LanguageModelOptions.SectionName, typeof(LanguageModelOptions) },
        { ChartImageOptions.SectionName, typeof(ChartImageOptions) },
        { SlackOptions.SectionName, typeof(SlackOptions) },
        { FinOps.Slack.AppHome.SlackHomeRefreshOptions.SectionName, typeof(FinOps.Slack.AppHome.SlackHomeRefreshOptions) },
        { TeamsOptions.SectionName, typeof(TeamsOptions) },
        { PlaygroundOptions.SectionName, typeof(PlaygroundOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Section_EveryDocumentedKey_BindsToAnOptionProperty(string section, Type optionsType)
    {
        var configuration = Example().GetSection(section);

        Assert.True(configuration.Exists(), $"appsettings.example.json has no '{section}' section.");
        // ErrorOnUnknownConfiguration fails on a documented key that no property reads (a typo or a stale setting).
        var bound = configuration.Get(optionsType, o => o.ErrorOnUnknownConfiguration = true);
        Assert.NotNull(bound);
    }

    [Fact]
    public void Example_HasNoSectionWithoutOptions()
    {
        var known = Sections.Select(row => ((string)row[0]).Split(':')[0]).Append("Urls").ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(Example().GetChildren(), child => Assert.Contains(child.Key, known));
    }
}
