# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf
APPLICATION_ID=a11f1a6f-0b2c-4a3e-9a0f-6f5d3c6e8b12
COMPONENT_ID=c5b2e3a4-7d8e-4f01-b2c3-d4e5f6a7b8c9
INSTANCE_ID=e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9

curl -X POST \
  "https://servicestage.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/cas/applications/$APPLICATION_ID/components/$COMPONENT_ID/instances/$INSTANCE_ID/action" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"action": "scale", "parameters": {"replica": 4}}'
