using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>Gives test-server requests a client address, as Kestrel would (the loopback checks read it).</summary>
public sealed class RemoteAddressStartupFilter(Func<IPAddress?> address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (address() is { } remote)
            {
                context.Connection.RemoteIpAddress = remote;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
