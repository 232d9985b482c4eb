using System.Net;
using Lens.Dashboard.Tests.Infrastructure;

namespace Lens.Dashboard.Tests.Api;

public sealed class IngestIdempotencyTests : AppTestBase
{
    private async Task<HttpResponseMessage> SendAsync(IngestBody body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = body.ToContent() };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    private async Task<long> CandidateRequestsAsync() =>
        (long)(await Client.GetRolloutAsync(_rolloutId))["metrics"]!["candidate"]!["requests"]!;

    private string _rolloutId = "";

    private async Task ArrangeAsync()
    {
        await Client.CreateReleaseAsync();
        _rolloutId = (string)(await Client.CreateRolloutAsync(Requests.Rollout()))["id"]!;
    }

    [Fact]
    public async Task Ingest_SameKeySentTwice_CountedOnceAndTheFirstAnswerReplayed()
    {
        await ArrangeAsync();
        var batch = new IngestBody("search-ranking").Healthy(7);

        var first = await SendAsync(batch, "batch-0001");
        var retry = await SendAsync(batch, "batch-0001");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(7, (int)(await retry.JsonAsync())["accepted"]!);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(7, await CandidateRequestsAsync());
    }

    [Fact]
    public async Task Ingest_DifferentKeysOrNone_EachCounted()
    {
        await ArrangeAsync();
        var batch = new IngestBody("search-ranking").Healthy(3);

        await SendAsync(batch, "a");
        await SendAsync(batch, "b");
        await SendAsync(batch, null);
        await SendAsync(batch, null);

        Assert.Equal(12, await CandidateRequestsAsync());
    }

    [Fact]
    public async Task Ingest_RefusedBatch_IsNotRememberedUnderItsKey()
    {
        await ArrangeAsync();

        var refused = await SendAsync(new IngestBody("no-such-flag").Healthy(3), "k1");
        var fixedUp = await SendAsync(new IngestBody("search-ranking").Healthy(3), "k1");

        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fixedUp.StatusCode);
        Assert.Equal(3, await CandidateRequestsAsync());
    }
}
