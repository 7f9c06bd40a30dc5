using System.Net;
using FinOps.Conversation.Messaging;
using FinOps.Core.Reliability;
using FinOps.Teams.Cards;
using FinOps.Teams.Conversations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Teams.Tests.Fakes;

/// <summary>A minimal host with AddTeams / MapTeams on a real Kestrel port on 127.0.0.1, wired to the fake Bot Framework.</summary>
public sealed class BotHost : IAsyncDisposable
{
    public const string AppId = "5f2f3b3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c";

    private BotHost(WebApplication app, HttpClient client, FakeTimeProvider time)
    {
        App = app;
        Client = client;
        Time = time;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public FakeConversationService Conversation => (FakeConversationService)App.Services.GetRequiredService<IConversationService>();

    public IConversationReferenceStore References => App.Services.GetRequiredService<IConversationReferenceStore>();

    /// <param name="fake">The stand-in Bot Framework.</param>
    /// <param name="configure">Changes to the settings.</param>
    /// <param name="services">Registrations made after AddTeams, e.g. stores shared with a previous host to simulate a restart.</param>
    /// <param name="time">The clock, when shared with a previous host.</param>
    public static async Task<BotHost> StartAsync(
        FakeBotFramework fake,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        FakeTimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:AppPassword"] = "test-secret",
            ["Teams:OpenIdMetadataUrl"] = fake.OpenIdMetadataUrl,
            ["Teams:TokenAuthority"] = fake.EntraLoginHost + "/botframework.com",
            ["Teams:EntraLoginHost"] = fake.EntraLoginHost,
        };
        configure?.Invoke(settings);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IConversationService, FakeConversationService>();
        builder.Services.AddSingleton<IAdaptiveCardRenderer, FakeAdaptiveCardRenderer>();
        builder.Services.AddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
        builder.Services.AddTeams(builder.Configuration);
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(TestCertificate.TrustingHandler));
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapTeams();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BotHost(app, new HttpClient { BaseAddress = new Uri(address) }, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
