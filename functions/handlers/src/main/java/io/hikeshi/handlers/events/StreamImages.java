package io.hikeshi.handlers.events;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;

/** A DynamoDB stream image as Lambda's event types carry it → the same item in the SDK's types. */
final class StreamImages {

    private StreamImages() { }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item(Map<String, AttributeValue> image) {
        if (image == null) {
            return null;
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue value(AttributeValue v) {
        var sdk = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (v.getS() != null) {
            sdk.s(v.getS());
        } else if (v.getN() != null) {
            sdk.n(v.getN());
        } else if (v.getB() != null) {
            sdk.b(SdkBytes.fromByteBuffer(v.getB()));
        } else if (v.getBOOL() != null) {
            sdk.bool(v.getBOOL());
        } else if (v.getM() != null) {
            sdk.m(item(v.getM()));
        } else if (v.getL() != null) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>();
            v.getL().forEach(x -> list.add(value(x)));
            sdk.l(list);
        } else if (v.getSS() != null) {
            sdk.ss(v.getSS());
        } else if (v.getNS() != null) {
            sdk.ns(v.getNS());
        } else {
            sdk.nul(true);
        }
        return sdk.build();
    }
}
