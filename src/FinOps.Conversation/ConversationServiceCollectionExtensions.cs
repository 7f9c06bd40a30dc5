using System.ClientModel;
using FinOps.Conversation.Anomalies;
using FinOps.Conversation.Answers;
using FinOps.Conversation.Approvals;
using FinOps.Conversation.Budgets;
using FinOps.Conversation.Freshness;
using FinOps.Conversation.Messaging;
using FinOps.Conversation.Questions;
using FinOps.Conversation.Subscriptions;
using FinOps.Conversation.Visibility;
using FinOps.Core.Anomalies;
using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Core.Forecasting;
using FinOps.Core.Query;
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
    /// Adds <see cref="IConversationService"/>, <see cref="QuestionService"/>, <see cref="ICostForecaster"/> and the <c>question.</c>/<c>help.</c> action handlers.
    /// Needs an <c>ICostQueryService</c> and an <c>AllocationRuleSource</c> (company directory) from the storage layer.
    /// Sections: <c>Calendar</c>, <c>Conversation</c>, <c>LanguageModel</c>, <c>Visibility</c>, <c>Directory</c>.
    /// </summary>
    public static IServiceCollection AddConversation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>());
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>());
        services.AddOptions<LanguageModelOptions>().BindConfiguration(LanguageModelOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LanguageModelOptions>, LanguageModelOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CostCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.FiscalYearStartMonth));
        services.TryAddSingleton<IValueCatalogProvider, ValueCatalogProvider>();
        // The one forecaster (budgets, digests); answers get one over the asker's visible costs, so a forecast never reads a hidden team.
        services.TryAddSingleton<ICostForecaster>(sp => new CostForecaster(sp.GetRequiredService<ICostQueryService>()));
        services.TryAddSingleton(sp =>
        {
            var visible = sp.VisibleCosts();
            return ActivatorUtilities.CreateInstance<QuestionAnswerer>(sp, visible, (ICostForecaster)new CostForecaster(visible));
        });
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
        // Refreshes through the storage layer's IDataRefresh (AddIngestion, in the host); without it says no sources are configured.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, RefreshDataCommand>());
        // In memory unless the storage layer registers the durable budget store and status service (AddBudgets, in the host).
        services.AddOptions<BudgetOptions>();
        services.TryAddSingleton<IBudgetStore, InMemoryBudgetStore>();
        services.TryAddSingleton<BudgetStatusService>();
        services.TryAddSingleton<IBudgetStatusService>(sp => sp.GetRequiredService<BudgetStatusService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, BudgetCommand>());
        services.TryAddSingleton<FollowUpMemory>();
        services.AddApprovals(configuration);
        // Anomaly questions and digests replay the alert job's detector over the whole store (a series is the same series the
        // alerts see); what a viewer may not see is hidden afterwards. The host replaces this with AnomalyAlerts:ReplayDays.
        services.TryAddSingleton(sp => new AnomalyQueryService(
            sp.GetRequiredService<ICostQueryService>(),
            sp.GetService<IOptions<AnomalyOptions>>()?.Value ?? new AnomalyOptions(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationCommand, AnomalyQuestionCommand>());
        services.AddAnomalyCards();
        services.AddAnomalyFeedback();

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
