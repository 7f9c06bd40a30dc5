using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FinOps.Teams.Auth;

/// <summary>
/// Whether a request comes from a person on this machine: the unauthenticated surfaces (Teams development mode,
/// the host's playground) serve nothing else.
/// </summary>
/// <remarks>
/// A loopback peer is not enough: a reverse proxy or tunnel on the same host connects from loopback on behalf of
/// anyone. Such a request carries forwarding headers (<c>Forwarded</c>, <c>X-Forwarded-*</c>, <c>X-Real-IP</c>), or,
/// once ForwardedHeadersMiddleware has rewritten <c>RemoteIpAddress</c> from them, the <c>X-Original-*</c> copies it
/// leaves behind; either way it is not local.
/// </remarks>
public static class LocalRequest
{
    private static readonly string[] ForwardingHeaders =
    [
        "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Real-IP",
        "X-Original-For", "X-Original-Host", "X-Original-Proto", "X-Original-Prefix",
    ];

    public static bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote) && !IsForwarded(context);
    }

    /// <summary>True when the request names a forwarding hop in any header a proxy or the forwarded-headers middleware writes.</summary>
    public static bool IsForwarded(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        if (ForwardingHeaders.Any(headers.ContainsKey))
        {
            return true;
        }

        // The middleware's header names can be changed in its options; those count too.
        var options = context.RequestServices?.GetService<IOptions<ForwardedHeadersOptions>>()?.Value;
        return options is not null
            && new[]
            {
                options.ForwardedForHeaderName, options.ForwardedHostHeaderName, options.ForwardedProtoHeaderName, options.ForwardedPrefixHeaderName,
                options.OriginalForHeaderName, options.OriginalHostHeaderName, options.OriginalProtoHeaderName, options.OriginalPrefixHeaderName,
            }.Any(name => !string.IsNullOrEmpty(name) && headers.ContainsKey(name));
    }
}
