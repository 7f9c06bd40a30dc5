using System.Globalization;
using System.Net;
using System.Text;
using FinOps.Conversation.Messaging;
using FinOps.Slack.BlockKit;
using FinOps.Slack.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FinOps.Slack.Tests.Infrastructure;

/// <summary>A minimal app with AddSlack/MapSlack on a real Kestrel port on 127.0.0.1, wired to a <see cref="FakeSlackServer"/>.</summary>
public sealed class SlackAppHost : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string TeamId = "T0TEAM";

    private SlackAppHost(WebApplication app, string signingSecret, FakeTimeProvider clock, FakeConversationService conversation)
    {
        App = app;
        SigningSecret = signingSecret;
        Clock = clock;
        Conversation = conversation;
        Cookies = new CookieContainer();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = new Uri(app.Urls.First()) };
    }

    public WebApplication App { get; }

    public string SigningSecret { get; }

    public FakeTimeProvider Clock { get; }

    public FakeConversationService Conversation { get; }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="slack">The stand-in Slack.</param>
    /// <param name="configure">Changes to the settings.</param>
    /// <param name="services">Registrations made after AddSlack, e.g. a store shared with a previous host to simulate a restart.</param>
    /// <param name="clock">The clock, when shared with a previous host.</param>
    public static async Task<SlackAppHost> StartAsync(
        FakeSlackServer slack,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        FakeTimeProvider? clock = null)
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:BotUserId"] = BotUserId,
            ["Slack:ApiBaseUrl"] = slack.ApiUrl.AbsoluteUri,
            ["Slack:WorkerCount"] = "1",
            ["Slack:PostInterval"] = "00:00:00",
            ["Slack:RetryBaseDelay"] = "00:00:00.001",
            ["Slack:MaxRetryAfter"] = "00:00:00.010",
            ["Slack:MaxRetryAttempts"] = "2",
            ["Slack:MaxRequestBodyBytes"] = "65536",
        };
        configure?.Invoke(settings);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var conversation = new FakeConversationService();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddKeyedSingleton(SlackServiceCollectionExtensions.ResilienceTimeProviderKey, TimeProvider.System);
        builder.Services.AddSingleton<IConversationService>(conversation);
        builder.Services.AddSingleton<IBlockKitRenderer, FakeBlockKitRenderer>();
        builder.Services.AddSlack(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSlack();
        await app.StartAsync();
        return new SlackAppHost(app, secret, clock, conversation);
    }

    /// <summary>POSTs <paramref name="body"/> signed like Slack does, at the fake clock's now unless <paramref name="at"/> is given.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(
        string path, string body, string contentType, DateTimeOffset? at = null, string? secret = null, IDictionary<string, string>? headers = null)
    {
        var timestamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add(SlackSignatureFilter.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureFilter.SignatureHeader, SlackSignature.Compute(secret ?? SigningSecret, timestamp, bytes));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostEventAsync(string json, IDictionary<string, string>? headers = null) =>
        PostSignedAsync("/slack/events", json, "application/json", headers: headers);

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var body = content.ReadAsStringAsync().GetAwaiter().GetResult();
        return PostSignedAsync(path, body, "application/x-www-form-urlencoded");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
