using FinOps.Core.Budgets;
using FinOps.Core.Calendar;
using FinOps.Storage.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FinOps.Storage;

public static class BudgetsServiceCollectionExtensions
{
    /// <summary>
    /// Registers budgets (section <c>Budgets</c>): <see cref="EfBudgetStore"/> as <see cref="IBudgetStore"/>,
    /// <see cref="BudgetRulesSync"/> (the <c>budgets:</c> section of the rules file) and <see cref="BudgetStatusService"/> as
    /// <see cref="IBudgetStatusService"/>. An <c>ICostForecaster</c> and an <c>IBudgetIncreases</c> are used when registered
    /// (forecasting and approvals); without them budgets have no forecast and no approved increases.
    /// Needs <c>AddStorage</c> and <c>AddAllocation</c>.
    /// </summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());
        services.TryAddSingleton(sp => new CostCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.FiscalYearStartMonth));
        services.TryAddSingleton<IBudgetStore, EfBudgetStore>();
        services.TryAddSingleton<BudgetRulesSync>();
        services.TryAddSingleton<BudgetStatusService>();
        services.TryAddSingleton<IBudgetStatusService>(sp => sp.GetRequiredService<BudgetStatusService>());
        return services;
    }
}
