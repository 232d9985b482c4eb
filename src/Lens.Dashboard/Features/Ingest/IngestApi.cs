using Lens.Dashboard.Features.Access;
using Lens.Dashboard.Features.Metrics;
using System.Buffers;
using Lens.Dashboard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lens.Dashboard.Features.Ingest;

public static class IngestApi
{
    /// <summary>10,000 events of about 100 bytes each, with room to spare; a larger body is refused before parsing.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddLensIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestJournal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestJournal>());
        builder.Services.AddSingleton<EvaluationTrigger>();
        builder.Services.AddHostedService<BreachResponder>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<IngestIdempotency>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest", IngestAsync).WithTags("Ingest").RequireAuthorization(LensPolicies.Ingest).RequireRateLimiting(RateLimits.IngestPolicy);
        return app;
    }

    private static Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> IngestAsync(HttpRequest request, IngestPipeline pipeline,
        IngestIdempotency idempotency, CancellationToken ct) =>
        idempotency.HandleAsync(request, "requests", () => ReadAndIngestAsync(request, pipeline, ct));

    private static async Task<Results<Accepted<IngestResponse>, ProblemHttpResult>> ReadAndIngestAsync(HttpRequest request, IngestPipeline pipeline, CancellationToken ct)
    {
        if (JsonBody.ContentTypeProblem(request) is { } wrongType) return wrongType;
        if (request.ContentLength > MaxBodyBytes)
            return LensProblems.Field("body", $"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 64 * 1024, 1024, MaxBodyBytes));
        var batch = IngestBatch.Rent();
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxBodyBytes)
                        return LensProblems.Field("body", $"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) break;
                length += read;
            }

            if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, length)))
                return LensProblems.Field("body", "The body is not valid UTF-8.");
            IngestBatchParser.Parse(buffer.AsSpan(0, length), batch);
            var response = await pipeline.AcceptAsync(batch);
            return TypedResults.Accepted((string?)null, response);
        }
        catch (IngestParseException ex)
        {
            return LensProblems.Field(ex.Field, ex.Message, ex.Status);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("shutting down", StringComparison.Ordinal))
        {
            return LensProblems.Field("body", ex.Message, StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            batch.Dispose();
        }
    }
}
