using Microsoft.Identity.Client;

namespace FinOps.Teams.Connector;

/// <summary>Lets MSAL use a client from IHttpClientFactory (pooled handlers; tests can trust their stand-in server).</summary>
public sealed class MsalHttpClientFactory(IHttpClientFactory httpClientFactory) : IMsalHttpClientFactory
{
    public const string HttpClientName = "FinOps.Teams.Msal";

    public HttpClient GetHttpClient() => httpClientFactory.CreateClient(HttpClientName);
}
