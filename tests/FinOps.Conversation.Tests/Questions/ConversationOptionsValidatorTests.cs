using FinOps.Conversation.Questions;
using FinOps.Core.Calendar;
using FinOps.Core.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Tests.Questions;

/// <summary>Issue 19: every bad conversation setting reported at once, each with its value; the API key never.</summary>
public sealed class ConversationOptionsValidatorTests
{
    [Fact]
    public void AddConversation_BadEndpointAndTimeoutWithApiKey_BothReportedWithValuesKeyNotEchoed()
    {
        var apiKey = "sk-" + Guid.NewGuid().ToString("N");
        using var provider = Services(new()
        {
            ["LanguageModel:Endpoint"] = "localhost-no-scheme",
            ["LanguageModel:TimeoutSeconds"] = "600",
            ["LanguageModel:ApiKey"] = apiKey,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LanguageModelOptions>>().Value);

        Assert.Equal(
            ["LanguageModel:Endpoint must be an absolute URL, not 'localhost-no-scheme'.", "LanguageModel:TimeoutSeconds must be 1 to 120, not 600."],
            ex.Failures);
        Assert.DoesNotContain(apiKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddConversation_BadConversationCalendarAndDirectorySettings_EachReportedWithValue()
    {
        using var provider = Services(new()
        {
            ["Conversation:CatalogRefreshMinutes"] = "-1",
            ["Conversation:FollowUpCapacity"] = "0",
            ["Calendar:FiscalYearStartMonth"] = "13",
            ["Directory:LookupCacheLifetime"] = "-00:00:10",
        });

        var conversation = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConversationOptions>>().Value);
        var calendar = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalendarOptions>>().Value);

        Assert.Equal(
            ["Conversation:CatalogRefreshMinutes must be 0 to 1440, not -1.", "Conversation:FollowUpCapacity must be 1 to 1000000, not 0."],
            conversation.Failures);
        Assert.Equal(["Calendar:FiscalYearStartMonth must be 1 to 12, not 13."], calendar.Failures);
        var directory = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DirectoryOptions>>().Value);
        Assert.Equal(["Directory:LookupCacheLifetime must be positive, not -00:00:10."], directory.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddConversation(configuration);
        return services.BuildServiceProvider();
    }
}
