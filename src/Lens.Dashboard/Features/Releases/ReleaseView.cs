using System.Text.Json;
using Lens.Core.Releases;

namespace Lens.Dashboard.Features.Releases;

public sealed record ReleaseView(Guid Id, string Version, string Fingerprint, JsonElement Config, DateTimeOffset CreatedAt, string Status)
{
    public static ReleaseView From(Release r) =>
        new(r.Id, r.Version, r.Fingerprint, JsonDocument.Parse(r.ConfigJson).RootElement.Clone(), r.CreatedAt,
            r.Status.Name());
}
