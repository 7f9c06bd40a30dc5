using System.ClientModel;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Subscriptions;
using FinOps.Conversation.Visibility;
using FinOps.Core.Calendar;
using FinOps.Core.Subscriptions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace FinOps.Conversation;

/// <summary>Registers the conversation layer: questions, answers, card actions and the optional language model.</summary>
public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IConversationService"/>, <see cref="QuestionService"/> and the <c>question.</c>/<c>help.</c> action handlers.
    /// Needs an <c>ICostQueryService</c> and an <c>AllocationRuleSource</c> (company directory) from the storage layer.
    /// Sections: <c>Calendar</c>, <c>Conversation</c>, <c>LanguageModel</c>, <c>Visibility</c>, <c>Directory</c>.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CalendarOptions>()
            .BindConfiguration(CalendarOptions.SectionName)
            .Validate(o => o.FiscalYearStartMonth is >= 1 and <= 12, "Calendar:FiscalYearStartMonth must be 1 to 12.")
            .ValidateOnStart();
        services.AddOptions<ConversationOptions>()
            .BindConfiguration(ConversationOptions.SectionName)
            .Validate(o => o.CatalogRefreshMinutes is >= 0 and <= 1440, "Conversation:CatalogRefreshMinutes must be 0 to 1440.")
            .Validate(o => o.FollowUpExpiry >= TimeSpan.Zero && o.FollowUpExpiry <= TimeSpan.FromDays(1), "Conversation:FollowUpExpiry must be 00:00:00 (off) to 1.00:00:00.")
            .Validate(o => o.FollowUpCapacity is >= 1 and <= 1_000_000, "Conversation:FollowUpCapacity must be 1 to 1000000.")
            .ValidateOnStart();
        services.AddOptions<LanguageModelOptions>()
            .BindConfiguration(LanguageModelOptions.SectionName)
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out _), "LanguageModel:Endpoint must be an absolute URL.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 120, "LanguageModel:TimeoutSeconds must be 1 to 120.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CostCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.FiscalYearStartMonth));
        services.TryAddSingleton<IValueCatalogProvider, ValueCatalogProvider>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<QuestionAnswerer>(sp, sp.VisibleCosts()));
        services.TryAddSingleton(sp => new QuestionService(
            sp.GetRequiredService<IValueCatalogProvider>(),
            sp.GetRequiredService<QuestionAnswerer>(),
            sp.GetRequiredService<ILogger<QuestionService>>(),
            sp.GetService<IQuestionTranslator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, QuestionActionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, HelpActionHandler>());
        services.AddVisibility();
        // In memory unless the storage layer registers the durable store (it does in the host).
        services.TryAddSingleton<ISubscriptionStore, InMemorySubscriptionStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, SubscriptionCommand>());
        services.TryAddSingleton<FollowUpMemory>();

        var model = configuration.GetSection(LanguageModelOptions.SectionName).Get<LanguageModelOptions>();
        if (model is { Enabled: true })
        {
            services.TryAddSingleton<IQuestionTranslator>(sp => new LanguageModelQuestionTranslator(
                CreateChatClient(sp.GetRequiredService<IOptions<LanguageModelOptions>>().Value),
                sp.GetRequiredService<CostCalendar>(),
                sp.GetRequiredService<IOptions<LanguageModelOptions>>(),
                sp.GetRequiredService<ILogger<LanguageModelQuestionTranslator>>()));
        }

        return services;
    }

    /// <summary>An OpenAI-compatible chat client for <paramref name="options"/> (nothing is sent until a question needs it).</summary>
    public static IChatClient CreateChatClient(LanguageModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        var client = new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!) });
        return client.GetChatClient(options.Model).AsIChatClient();
    }
}
