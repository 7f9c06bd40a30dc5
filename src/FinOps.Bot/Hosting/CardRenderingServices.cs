using System.Globalization;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using FinOps.Slack.BlockKit;
using FinOps.Teams.Cards;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>Card renderers for every channel, money formatting and chart images.</summary>
public static class CardRenderingServices
{
    public static IServiceCollection AddCardRendering(this IServiceCollection services)
    {
        services.AddOptions<ChartImageOptions>().BindConfiguration(ChartImageOptions.SectionName).ValidateOnStart();
        services.AddSingleton(new MoneyFormatter(CultureInfo.GetCultureInfo("en-US")));
        services.AddSingleton<ChartRenderer>();
        services.AddSingleton(sp => new ChartImageService(
            sp.GetRequiredService<IOptions<ChartImageOptions>>().Value,
            sp.GetRequiredService<ChartRenderer>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<ChartImageService>().UrlProvider);
        services.AddSingleton<IAdaptiveCardRenderer, AdaptiveCardRenderer>();
        services.AddSingleton<IBlockKitRenderer, BlockKitRenderer>();

        // The playground runs in a browser on this machine, so charts travel inline as data URIs.
        services.AddSingleton(sp => new HtmlCardRenderer(
            sp.GetRequiredService<MoneyFormatter>(),
            new DataUriChartImageUrlProvider(sp.GetRequiredService<ChartRenderer>(), 1_000_000)));
        return services;
    }

    /// <summary>Serves signed chart images; the signature in the file name is the authorization.</summary>
    public static IEndpointRouteBuilder MapChartImages(this IEndpointRouteBuilder endpoints)
    {
        var prefix = endpoints.ServiceProvider.GetRequiredService<IOptions<ChartImageOptions>>().Value.RoutePrefix.Trim('/');
        endpoints.MapGet($"/{prefix}/{{file}}", (string file, ChartImageService charts) =>
            charts.RenderPng(file) is { } png ? Results.File(png, "image/png") : Results.NotFound());
        return endpoints;
    }
}
