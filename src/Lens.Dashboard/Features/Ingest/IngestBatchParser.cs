using Lens.Dashboard.Features.Metrics;
using System.Text.Json;
using Lens.Core.Metrics;

namespace Lens.Dashboard.Features.Ingest;

/// <summary>
/// Reads <c>{"flag":"…","events":[{"variant","latencyMs","ok","resultCount"}]}</c> straight from UTF-8 with
/// <see cref="Utf8JsonReader"/>. Structural problems (malformed JSON, no flag, too many events) throw
/// <see cref="IngestParseException"/>; a bad event is rejected by index and the others are still counted.
/// An optional <c>"gauges":[{"variant","name","value"}]</c> carries gauge reports; a bad gauge refuses the whole batch,
/// naming it (gauges[1].value), since a gauge gate judged on part of a service's report would judge the wrong thing.
/// </summary>
public static class IngestBatchParser
{
    /// <summary>One hour: a latency beyond it is a unit mistake or garbage, not a slow request.</summary>
    public const double MaxLatencyMs = 3_600_000;

    public const int MaxFlagLength = 100;

    public const int MaxGauges = 100;

    public static void Parse(ReadOnlySpan<byte> json, IngestBatch batch)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            ParseRoot(ref reader, batch);
        }
        catch (JsonException ex)
        {
            throw new IngestParseException("body", $"The body is not valid JSON: {ex.Message}");
        }
    }

    private static void ParseRoot(ref Utf8JsonReader reader, IngestBatch batch)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new IngestParseException("body", "The body must be a JSON object with \"flag\" and \"events\".");
        string? flag = null;
        var sawFlag = false;
        var sawEvents = false;
        var sawGauges = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("flag"u8))
            {
                // Last-one-wins would count a batch naming two flags on the second: refuse it instead.
                if (sawFlag) throw new IngestParseException("flag", "\"flag\" appears twice; a batch belongs to one flag.");
                sawFlag = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                    throw new IngestParseException("flag", "\"flag\" must be a string: the key of the flag these events were served under.");
                if (reader.ValueSpan.Length > MaxFlagLength * 6 || (flag = reader.GetString())!.Length > MaxFlagLength)
                    throw new IngestParseException("flag", $"\"flag\" is at most {MaxFlagLength} characters.");
            }
            else if (reader.ValueTextEquals("events"u8))
            {
                if (sawEvents) throw new IngestParseException("events", "\"events\" appears twice; send one array.");
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new IngestParseException("events", "\"events\" must be an array.");
                ParseEvents(ref reader, batch);
                sawEvents = true;
            }
            else if (reader.ValueTextEquals("gauges"u8))
            {
                if (sawGauges) throw new IngestParseException("gauges", "\"gauges\" appears twice; send one array.");
                sawGauges = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                    throw new IngestParseException("gauges", "\"gauges\" must be an array of {\"variant\",\"name\",\"value\"}.");
                ParseGauges(ref reader, batch);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (string.IsNullOrWhiteSpace(flag)) throw new IngestParseException("flag", "\"flag\" is required.");
        if (!sawEvents) throw new IngestParseException("events", "\"events\" is required.");
        batch.Flag = flag;
    }

    private static void ParseGauges(ref Utf8JsonReader reader, IngestBatch batch)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var at = $"gauges[{index}]";
            if (index >= MaxGauges)
                throw new IngestParseException("gauges", $"A batch holds at most {MaxGauges} gauge reports.");
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new IngestParseException(at, "A gauge report must be a JSON object with \"variant\", \"name\" and \"value\".");
            int variant = -1;
            string? name = null;
            double? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("variant"u8))
                {
                    reader.Read();
                    variant = reader.TokenType != JsonTokenType.String ? -1
                        : reader.ValueTextEquals("baseline"u8) ? (int)Variant.Baseline
                        : reader.ValueTextEquals("candidate"u8) ? (int)Variant.Candidate : -1;
                    if (variant < 0) throw new IngestParseException($"{at}.variant", "variant must be \"baseline\" or \"candidate\".");
                }
                else if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 64 * 6 ? reader.GetString() : null;
                    if (!Lens.Core.Rollouts.GaugePlan.IsValidName(name))
                        throw new IngestParseException($"{at}.name", $"A gauge name is {Lens.Core.Rollouts.GaugePlan.NameRule}.");
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var v) || !double.IsFinite(v))
                        throw new IngestParseException($"{at}.value", "value must be a finite number, in the gauge's own unit.");
                    value = v;
                }
                else
                {
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) reader.Skip();
                }
            }
            if (variant < 0) throw new IngestParseException($"{at}.variant", "variant is required.");
            if (name is null) throw new IngestParseException($"{at}.name", "name is required.");
            if (value is null) throw new IngestParseException($"{at}.value", "value is required.");
            batch.Gauges.Add(new GaugeReport((byte)variant, name, value.Value));
            index++;
        }
    }

    private static void ParseEvents(ref Utf8JsonReader reader, IngestBatch batch)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (batch.Seen >= IngestBatch.MaxEvents)
                throw new IngestParseException("events", $"A batch holds at most {IngestBatch.MaxEvents} events; send the rest in another request.",
                    StatusCodes.Status413PayloadTooLarge);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                batch.Reject("An event must be a JSON object.");
                continue;
            }
            ParseEvent(ref reader, batch);
        }
    }

    private static void ParseEvent(ref Utf8JsonReader reader, IngestBatch batch)
    {
        int variant = -1;
        double latency = double.NaN;
        bool? ok = null;
        var resultCount = IngestBatch.NoResultCount;
        string? error = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = reader.ValueTextEquals("variant"u8) ? 1 : reader.ValueTextEquals("latencyMs"u8) ? 2 : reader.ValueTextEquals("ok"u8) ? 4
                : reader.ValueTextEquals("resultCount"u8) ? 8 : 0;
            if ((seen & field) != 0) error ??= $"{reader.GetString()}: appears twice in one event.";
            seen |= field;
            if (field == 1)
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("baseline"u8)) variant = (int)Variant.Baseline;
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("candidate"u8)) variant = (int)Variant.Candidate;
                else error ??= "variant: must be \"baseline\" or \"candidate\".";
            }
            else if (field == 2)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out latency) || !double.IsFinite(latency))
                    error ??= "latencyMs: must be a finite number of milliseconds.";
                else if (latency < 0)
                    error ??= "latencyMs: cannot be negative.";
                else if (latency > MaxLatencyMs)
                    error ??= $"latencyMs: at most {MaxLatencyMs:0} (one hour); check the unit.";
            }
            else if (field == 4)
            {
                reader.Read();
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) ok = reader.GetBoolean();
                else error ??= "ok: must be true or false.";
            }
            else if (field == 8)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var results) || results < 0)
                    error ??= "resultCount: must be a whole number, zero or more.";
                else
                    resultCount = results;
            }
            else
            {
                reader.Read();
            }
            // A field given an array or an object where a scalar belongs: step over all of it, not into it.
            if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) reader.Skip();
        }
        if (error is null && variant < 0) error = "variant: is required.";
        if (error is null && double.IsNaN(latency)) error = "latencyMs: is required.";
        if (error is null && ok is null) error = "ok: is required.";
        if (error is not null) batch.Reject(error);
        else batch.Accept((byte)variant, ok!.Value, (short)LatencyHistogram.BucketOf(latency), resultCount);
    }
}
