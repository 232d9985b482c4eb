using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Lens.Dashboard.Features.Access;

/// <summary>
/// 429 with Retry-After for a caller going faster than its bucket: ingest per token, writes per caller. Reads and the
/// live connections are not limited: a wall or fifty dashboards must never be turned away.
/// </summary>
public static class RateLimits
{
    public const string IngestPolicy = "ingest";

    public static void Add(IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"{Caller.Describe(context.HttpContext.User)} is sending faster than allowed here; retry after {seconds} s.");
            };
            o.AddPolicy(IngestPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter("ingest:" + PartitionOf(context), _ => Bucket(limits.IngestPerSecond, limits.IngestBurst));
            });
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsLimitedWrite(context)) return RateLimitPartition.GetNoLimiter("unlimited");
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter("writes:" + PartitionOf(context), _ => Bucket(limits.WritesPerSecond, limits.WritesBurst));
            });
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Writes, except those with a bucket of their own (request and impression ingest) and the live connections;
    /// the sign-in form is a write too, and Identity's lockout guards it as well.
    /// </summary>
    private static bool IsLimitedWrite(HttpContext context) =>
        !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
        && !context.Request.Path.StartsWithSegments("/_blazor") && !context.Request.Path.StartsWithSegments("/hubs");

    private static string PartitionOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.Actor() : "address:" + context.Connection.RemoteIpAddress;
}
