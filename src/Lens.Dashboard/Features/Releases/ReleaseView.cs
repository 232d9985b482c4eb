using System.Text.Json;
using Lens.Core.Releases;

namespace Lens.Dashboard.Features.Releases;

/// <summary>A release as the API shows it; <see cref="Pinned"/> and <see cref="Retired"/> are its nightly-validation marks, null when unset.</summary>
public sealed record ReleaseView(Guid Id, string Version, string Fingerprint, JsonElement Config, DateTimeOffset CreatedAt, string Status,
    ReleaseMark? Pinned, ReleaseMark? Retired)
{
    public static ReleaseView From(Release r) =>
        new(r.Id, r.Version, r.Fingerprint, JsonDocument.Parse(r.ConfigJson).RootElement.Clone(), r.CreatedAt,
            r.Status.Name(), r.Pinned, r.Retired);
}
