package io.hikeshi.handlers.slack.hostile;

/**
 * What people and alarms may hand Hikeshi, at the sizes Slack's limits care about. Text is Japanese with emoji
 * (single ones, a ZWJ family, a flag) and mrkdwn's specials ({@code <!channel>}, {@code &}, {@code <@U0BOB>}), so a
 * cut that splits a character, an emoji sequence or an escape, or a mention that slips through, shows.
 *
 * @param alarmName       the CloudWatch alarm that opens the incident (its title, clipped by the record at 200)
 * @param alarmReason     its state reason (the incident's description)
 * @param service         the alarm's {@code hikeshi:service} tag (the incident's service)
 * @param title           what a person types as the title of an incident they declare (at most 200, as the form)
 * @param text            descriptions, status updates, resolutions, notes, postmortem sections (at most 3,000)
 * @param chatMessage     a message people write in the war room and pin with 📌
 * @param actionItem      an action item's description (the form takes 500)
 * @param openIncidents   how many incidents are open, this one included
 * @param services        how many services are configured (0: the repository's own file)
 * @param nameTaken       whether someone else's channel already has the war room's name
 */
record HostileData(String name, String alarmName, String alarmReason, String service, String title, String text,
                   String chatMessage, String actionItem, int openIncidents, int services, boolean nameTaken) {

    /** Japanese, emoji of every kind, and what mrkdwn treats specially. */
    static final String WORDS = "決済API障害🔥 <!channel> & <@U0BOB> 👨‍👩‍👧‍👦 「復旧」🇯🇵 確認中😱 ";

    static HostileData[] all() {
        String alarm255 = exactly("payment-api-5xx-rate-決済-🔥-", 255);
        String reason1000 = "Threshold Crossed: " + exactly(WORDS, 981);
        String text3000 = exactly(WORDS, 3000);
        String service5000 = exactly("決済サービス🔥-", 5000);
        String longAscii = "payment api latency p99 over two seconds in tokyo osaka yokohama kyoto kobe and nagoya";
        return new HostileData[] {
            new HostileData("japanese-emoji", "決済API-5xx率🔥", "しきい値超過 😱 <!here> & 詳細", "決済サービス🔥",
                    "決済 API が 5xx を返す 🔥💳 <!channel>", "v1.42.0 にロールバックしました ✅ & <@U0BOB> 👨‍👩‍👧‍👦",
                    "ロールバック完了 🙏 <!channel>", "カナリアリリース 🐤 を導入 & 監視", 1, 0, false),
            new HostileData("alarm-name-255", alarm255, "Threshold Crossed 🔥", "payment-api", exactly(WORDS, 200),
                    "ロールバック済み ✅", "確認 🙏", "監視を追加", 1, 0, false),
            new HostileData("alarm-reason-1000", "payment-api-5xx-rate", reason1000, "payment-api", "決済 API 🔥",
                    "ロールバック済み ✅", "確認 🙏", "監視を追加", 1, 0, false),
            new HostileData("text-3000", "payment-api-5xx-rate", "Threshold Crossed", "payment-api", exactly(WORDS, 200),
                    text3000, text3000, exactly(WORDS, 500), 1, 0, false),
            new HostileData("services-150", "svc-149-5xx-rate", "Threshold Crossed", "svc-149", "決済 API 🔥",
                    "ロールバック済み ✅", "確認 🙏", "監視を追加", 1, 150, false),
            new HostileData("open-60", "payment-api-5xx-rate", "Threshold Crossed", "payment-api", exactly(WORDS, 200),
                    "ロールバック済み ✅", "確認 🙏", exactly(WORDS, 500), 60, 0, false),
            new HostileData("channel-name-80", longAscii, "Threshold Crossed", "payment-api", longAscii,
                    "rolled back", "ok", "add a canary", 1, 0, true),
            new HostileData("service-5000", "payment-api-5xx-rate", "Threshold Crossed", service5000, "決済 API 🔥",
                    "ロールバック済み ✅", "確認 🙏", "監視を追加", 1, 0, false),
            new HostileData("all-at-once", alarm255, reason1000, service5000, exactly(WORDS, 200), text3000, text3000,
                    exactly(WORDS, 500), 60, 150, true),
        };
    }

    /** {@code pattern} repeated to exactly {@code characters} characters (code points, as Slack counts). */
    static String exactly(String pattern, int characters) {
        int[] cps = pattern.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < characters; i++) {
            out.appendCodePoint(cps[i % cps.length]);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
