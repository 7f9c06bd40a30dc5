using System.Net;
using FinOps.Teams.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Teams.Tests;

public sealed class LocalRequestTests
{
    private static DefaultHttpContext Request(string? remote, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void IsLocal_LoopbackWithoutForwardingHeaders_True(string remote) =>
        Assert.True(LocalRequest.IsLocal(Request(remote)));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.5")]
    [InlineData(null)]
    public void IsLocal_NotLoopbackOrUnknown_False(string? remote) =>
        Assert.False(LocalRequest.IsLocal(Request(remote)));

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    [InlineData("X-Forwarded-Host", "bot.example.com")]
    [InlineData("X-Forwarded-Proto", "https")]
    // What ForwardedHeadersMiddleware leaves after rewriting RemoteIpAddress from a forwarded 127.0.0.1.
    [InlineData("X-Original-For", "127.0.0.1:40000")]
    [InlineData("X-Original-Proto", "http")]
    [InlineData("X-Original-Host", "localhost:5080")]
    public void IsLocal_LoopbackWithForwardingHeader_False(string header, string value) =>
        Assert.False(LocalRequest.IsLocal(Request("127.0.0.1", (header, value))));

    [Fact]
    public void IsLocal_CustomForwardedHeaderNameFromOptions_False()
    {
        var context = Request("127.0.0.1", ("X-Client-IP", "203.0.113.7"));
        context.RequestServices = new ServiceCollection()
            .Configure<ForwardedHeadersOptions>(o => o.ForwardedForHeaderName = "X-Client-IP")
            .BuildServiceProvider();

        Assert.False(LocalRequest.IsLocal(context));
    }

    [Fact]
    public async Task IsLocal_AfterForwardedHeadersMiddlewareRewroteForwardedLoopback_False()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED: the middleware trusts any proxy and believes a forwarded 127.0.0.1.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        var context = Request("127.0.0.1", ("X-Forwarded-For", "127.0.0.1"));
        context.Connection.RemoteIpAddress = IPAddress.Parse("127.0.0.2");
        bool? seen = null;
        var middleware = new Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersMiddleware(
            c => { seen = LocalRequest.IsLocal(c); return Task.CompletedTask; },
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            Microsoft.Extensions.Options.Options.Create(options));

        await middleware.Invoke(context);

        Assert.Equal(IPAddress.Loopback, context.Connection.RemoteIpAddress);
        Assert.False(context.Request.Headers.ContainsKey("X-Forwarded-For"));
        Assert.False(seen);
    }
}
