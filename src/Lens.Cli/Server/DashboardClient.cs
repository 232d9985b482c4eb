using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lens.Cli.Server;

/// <summary>
/// Talks to the dashboard's HTTP API. The address comes from --server, else LENS_SERVER, else
/// http://localhost:5080; the credential from LENS_TOKEN (a bearer token). A refusal comes back as the server's
/// problem detail, field by field.
/// </summary>
public sealed class DashboardClient : IDisposable
{
    public const string ServerVariable = "LENS_SERVER";
    public const string TokenVariable = "LENS_TOKEN";
    public const string DefaultServer = "http://localhost:5080";

    /// <summary>How long an ordinary request may take; a download waits as long as its own timeout says.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;

    /// <param name="token">The bearer secret; null reads <see cref="TokenVariable"/>.</param>
    public DashboardClient(Uri server, HttpMessageHandler? handler = null, string? token = null)
    {
        _http = handler is null
            ? new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(handler, disposeHandler: false) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrWhiteSpace(token)) _http.DefaultRequestHeaders.Authorization = new("Bearer", token.Trim());
    }

    public static Uri Resolve(string? option)
    {
        var text = !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } env ? env : DefaultServer;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new CliException($"'{text}' is not an http(s) address; give --server or set {ServerVariable}.");
        return uri;
    }

    public Task<JsonNode> GetAsync(string path) => SendAsync(ct => _http.GetAsync(path, ct));

    public Task<JsonNode> PostAsync(string path, object body) => SendAsync(ct => _http.PostAsJsonAsync(path, body, ct));

    public Task<JsonNode> DeleteAsync(string path) => SendAsync(ct => _http.DeleteAsync(path, ct));

    /// <summary>
    /// POSTs with no body and copies the response body to <paramref name="destination"/>; returns the response headers.
    /// The whole exchange (the server's work before it answers included) may take up to <paramref name="timeout"/>.
    /// </summary>
    public async Task<System.Net.Http.Headers.HttpResponseHeaders> PostDownloadAsync(string path, Stream destination, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var response = await ExchangeAsync(ct => _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, path), HttpCompletionOption.ResponseHeadersRead, ct), cts, timeout);
        using (response)
        {
            if (!response.IsSuccessStatusCode) await ThrowRefusalAsync(response);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cts.Token);
                await body.CopyToAsync(destination, cts.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                throw new CliException($"the download from {_http.BaseAddress} broke off: {ex.Message}");
            }
            return response.Headers;
        }
    }

    private async Task<JsonNode> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var cts = new CancellationTokenSource(RequestTimeout);
        using var response = await ExchangeAsync(send, cts, RequestTimeout);
        if (!response.IsSuccessStatusCode) await ThrowRefusalAsync(response);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try { body = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (JsonException) { }
        return body ?? new JsonObject();
    }

    private async Task<HttpResponseMessage> ExchangeAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationTokenSource cts, TimeSpan timeout)
    {
        try
        {
            return await send(cts.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the dashboard at {_http.BaseAddress}: {ex.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliException($"the dashboard at {_http.BaseAddress} did not answer within {timeout.TotalSeconds:0} s");
        }
    }

    private async Task ThrowRefusalAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try { body = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (JsonException) { }
        var detail = (string?)body?["detail"] ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        // The fields the server named, so a script's author sees which key to fix without asking for JSON.
        if (body?["errors"] is JsonObject errors && errors.Count > 0)
        {
            var named = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", (e.Value as JsonArray ?? []).Select(m => (string?)m))}"));
            if (!detail.Contains(named, StringComparison.Ordinal)) detail = $"{detail} ({named})";
        }
        var hint = (int)response.StatusCode == 401 && _http.DefaultRequestHeaders.Authorization is null
            ? $" Set {TokenVariable} to a token's secret (an admin makes one: lens token create --name N --role R)." : "";
        throw new CliException($"the dashboard refused ({(int)response.StatusCode}): {detail}{hint}");
    }

    public void Dispose() => _http.Dispose();
}
