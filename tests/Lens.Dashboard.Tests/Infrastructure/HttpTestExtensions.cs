using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Lens.Dashboard.Tests.Infrastructure;

public static class HttpTestExtensions
{
    /// <summary>A client with no credentials, from any factory (a derived one from WithWebHostBuilder included).</summary>
    public static HttpClient CreateAnonymousClient(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static async Task<JsonNode> CreateReleaseAsync(this HttpClient client, string version = "2.4.0")
    {
        var response = await client.PostAsJsonAsync("/api/releases", Requests.Release(version));
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> CreateRolloutAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/rollouts", body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonNode> GetRolloutAsync(this HttpClient client, string id) =>
        await (await client.GetAsync($"/api/rollouts/{id}")).JsonAsync();

    /// <summary>Waits for something asynchronous to become true, checking often; fails after the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(20);
        } while (stopwatch.Elapsed < deadline);
        throw new Xunit.Sdk.XunitException($"Timed out after {deadline} waiting for {what}; last value: {JsonSerializer.Serialize(last)}");
    }

    /// <summary>
    /// Moves a fake clock forward one step at a time, within a budget of fake time, until something becomes true.
    /// After each step the app gets a moment of real time to act on it (a timer that fired still has work to do).
    /// </summary>
    public static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider clock, TimeSpan step, TimeSpan budget,
        Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var moved = TimeSpan.Zero;
        while (true)
        {
            var settle = System.Diagnostics.Stopwatch.StartNew();
            T last;
            do
            {
                last = await probe();
                if (done(last)) return last;
                await Task.Delay(20);
            } while (settle.Elapsed < TimeSpan.FromMilliseconds(300));
            if (moved >= budget)
                throw new Xunit.Sdk.XunitException($"Moved the clock {moved} without seeing {what}; last value: {JsonSerializer.Serialize(last)}");
            clock.Advance(step);
            moved += step;
        }
    }
}
