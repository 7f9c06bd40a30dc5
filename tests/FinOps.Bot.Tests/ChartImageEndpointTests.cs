using System.Net;
using System.Security.Cryptography;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Charts;
using FinOps.Conversation.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Bot.Tests;

/// <summary>The host's chart images: an issued link renders, a changed one is 404, across a restart with the same key too.</summary>
public sealed class ChartImageEndpointTests
{
    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static BotFactory Factory()
    {
        var factory = new BotFactory();
        factory.Settings["Demo:SeedOnFirstRun"] = "false";
        factory.Settings["Charts:PublicBaseUrl"] = "https://finops.example.com/";
        factory.Settings["Charts:SigningKey"] = Key;
        return factory;
    }

    [Fact]
    public async Task GetChart_IssuedLink_PngWithoutFiguresInPath()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var url = factory.Services.GetRequiredService<IChartImageUrlProvider>().GetImageUrl(SampleCards.DailySpendChart)!;

        using var response = await client.GetAsync(new Uri(url.AbsolutePath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0x89, (await response.Content.ReadAsByteArrayAsync())[0]);
        Assert.DoesNotContain("RGFpbHkgY29zd", url.AbsolutePath, StringComparison.Ordinal); // base64url of "Daily cos"
    }

    [Fact]
    public async Task GetChart_TamperedLink_NotFound()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var path = factory.Services.GetRequiredService<IChartImageUrlProvider>().GetImageUrl(SampleCards.DailySpendChart)!.AbsolutePath;
        var at = path.Length - ".png".Length - 10;
        var tampered = path[..at] + (path[at] == 'x' ? 'y' : 'x') + path[(at + 1)..];

        using var response = await client.GetAsync(new Uri(tampered, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetChart_LinkIssuedBeforeRestart_StillRenders()
    {
        string path;
        await using (var before = Factory())
        {
            path = before.Services.GetRequiredService<IChartImageUrlProvider>().GetImageUrl(SampleCards.DailySpendChart)!.AbsolutePath;
        }

        await using var after = Factory();
        using var client = after.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
